import type { Progress } from './import-cli.run.ts';

export type ProgressSink = Readonly<{
  update: (p: Progress) => void;
  /** A message between progress updates (a warning): never drawn over by the bar. */
  note: (message: string) => void;
  /** Leaves the terminal line clean for what comes next. */
  done: () => void;
}>;

type Stream = Readonly<{ write: (text: string) => unknown; isTTY?: boolean; columns?: number }>;

const n = (x: number) => x.toLocaleString('en-US');
const rateOf = (p: Progress) => (p.elapsedMs > 0 ? Math.round((p.processed * 1000) / p.elapsedMs) : 0);
const ordersOf = (p: Progress) =>
  (['CONFIRMED', 'CANCELLED', 'AWAITING_APPROVAL', 'PENDING'] as const)
    .map((s) => `${s.toLowerCase().replace('_', ' ')} ${n(p.orders[s] ?? 0)}`)
    .join(', ');

/** One line of facts, shared by the bar and the plain lines so both say the same. */
export const progressLine = (p: Progress): string => {
  if (p.phase === 'settling') {
    const queued = p.queued > 0 ? `, ${n(p.queued)} message${p.queued > 1 ? 's' : ''} in queues` : '';
    return `orders of ${n(p.placed)} placed rows: ${ordersOf(p)}${queued}`;
  }
  const chunks = `chunks ${n(p.chunksDone)}/${p.chunks === undefined ? '?' : n(p.chunks)}`;
  const dead = p.deadLettered > 0 ? `, dead-lettered ${n(p.deadLettered)}` : '';
  return `${n(p.processed)}/${n(p.rows)} rows, ${chunks}, placed ${n(p.placed)}, rejected ${n(p.rejected)}${dead}, ${n(rateOf(p))} rows/s`;
};

const bar = (fraction: number, width: number) => {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
};

/** A redrawn line on a terminal: `[██████░░░░] 42% 4,200/10,000 rows, …`, cut to the terminal's width. */
const ttySink = (out: Stream): ProgressSink => {
  let drawn = false;
  const clear = () => {
    if (drawn) out.write('\r\x1b[2K');
    drawn = false;
  };
  return {
    update: (p) => {
      const fraction = p.rows === 0 ? 1 : p.processed / p.rows;
      const head =
        p.phase === 'importing'
          ? `importing [${bar(fraction, 24)}] ${String(Math.floor(fraction * 100)).padStart(3)}% `
          : 'settling  ';
      const text = `${head}${progressLine(p)}`;
      clear();
      out.write(text.slice(0, Math.max(20, (out.columns || 120) - 1))); // 0 when the size is unknown
      drawn = true;
    },
    note: (message) => {
      clear();
      out.write(`${message}\n`);
    },
    done: clear,
  };
};

/**
 * Plain lines for logs and CI: the first update, then at most one line per `everyMs`, and always the last update
 * of each phase (so a run, however short, shows its final numbers).
 */
const plainSink = (out: Stream, everyMs: number): ProgressSink => {
  let last: Progress | undefined;
  let printedAt = Number.NEGATIVE_INFINITY;
  let printed: Progress | undefined;
  const print = (p: Progress) => {
    out.write(`progress: ${p.phase} ${progressLine(p)}\n`);
    printedAt = p.elapsedMs;
    printed = p;
  };
  const flush = () => {
    if (last && last !== printed) print(last);
  };
  return {
    update: (p) => {
      if (last && last.phase !== p.phase) flush();
      last = p;
      if (p.elapsedMs - printedAt >= everyMs) print(p);
    },
    note: (message) => out.write(`${message}\n`),
    done: flush,
  };
};

export const progressSink = (out: Stream, o: Readonly<{ quiet: boolean; everyMs?: number }>): ProgressSink =>
  o.quiet
    ? { update: () => {}, note: (message) => out.write(`${message}\n`), done: () => {} }
    : out.isTTY
      ? ttySink(out)
      : plainSink(out, o.everyMs ?? 2_000);
