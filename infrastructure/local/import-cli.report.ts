import type { ImportResult } from './import-cli.run.ts';

/** Where the orders went: the data folder (seen by the next `npm start`) or nowhere (`--memory`). */
export type ReportContext = Readonly<{ file: string; dataDir?: string; mode: string; warnings: readonly string[] }>;

/** Rejected rows listed in the text summary; the rest are counted (`--json` has them all). */
export const MAX_LISTED_REJECTIONS = 20;

const n = (x: number) => x.toLocaleString('en-US');
const rowsPerSecond = (r: ImportResult) => (r.importMs > 0 ? Math.round((r.rows * 1000) / r.importMs) : 0);
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** The machine-readable summary (`--json`). */
export const jsonReport = (r: ImportResult, c: ReportContext) => ({
  file: c.file,
  importId: r.importId,
  completed: r.completed,
  rows: r.rows,
  placed: r.placed,
  rejectedCount: r.rejected.length,
  rejected: r.rejected,
  deadLetteredChunks: r.deadLetteredChunks,
  orders: r.orders,
  flow: c.mode,
  dataDir: c.dataDir ?? null,
  importMs: Math.round(r.importMs),
  elapsedMs: Math.round(r.elapsedMs),
  rowsPerSecond: rowsPerSecond(r),
  warnings: c.warnings,
});

const ordersLine = (r: ImportResult): string => {
  const { statuses, cancellationReasons } = r.orders;
  const reasons = Object.entries(cancellationReasons)
    .sort(([x, a = 0], [y, b = 0]) => b - a || x.localeCompare(y))
    .map(([reason, count]) => `${n(count ?? 0)} ${reason}`)
    .join(', ');
  const parts = [
    `${n(statuses.CONFIRMED ?? 0)} confirmed`,
    `${n(statuses.CANCELLED ?? 0)} cancelled${reasons ? ` (${reasons})` : ''}`,
  ];
  if (statuses.AWAITING_APPROVAL) parts.push(`${n(statuses.AWAITING_APPROVAL)} awaiting approval`);
  if (statuses.PENDING) parts.push(`${n(statuses.PENDING)} still pending`);
  return parts.join(', ');
};

/** The summary a person reads on stdout. */
export const textReport = (r: ImportResult, c: ReportContext): string => {
  const lines = [
    `${r.completed ? 'Imported' : 'INCOMPLETE import of'} ${c.file} (import ${r.importId}, ${c.mode})`,
    `  rows       ${n(r.rows)}`,
    `  placed     ${n(r.placed)}`,
    `  rejected   ${n(r.rejected.length)}`,
    ...r.rejected.slice(0, MAX_LISTED_REJECTIONS).map((x) => `    row ${x.row}: ${x.reason}`),
  ];
  if (r.rejected.length > MAX_LISTED_REJECTIONS) {
    lines.push(`    … and ${n(r.rejected.length - MAX_LISTED_REJECTIONS)} more (--json lists them all)`);
  }
  if (r.deadLetteredChunks > 0) {
    lines.push(
      `  dead-lettered chunks ${n(r.deadLetteredChunks)}: their rows are in neither count (the chunk DLQ of this run)`,
    );
  }
  lines.push(`  orders     ${ordersLine(r)}`);
  lines.push(
    `  time       ${seconds(r.importMs)} import (${n(rowsPerSecond(r))} rows/s), ${seconds(r.elapsedMs)} in all`,
  );
  const open = (r.orders.statuses.PENDING ?? 0) + (r.orders.statuses.AWAITING_APPROVAL ?? 0);
  lines.push(
    c.dataDir
      ? `  saved in   ${c.dataDir} (npm start serves these orders${open > 0 && c.mode === 'orchestration' ? ' and resumes the open ones' : ''})`
      : '  saved in   nowhere (--memory)',
  );
  return `${lines.join('\n')}\n`;
};
