import { basename } from 'node:path';
import type { ImportStatus } from '#app/ports/import-repository.ts';
import type { RowRejection } from '#domain/imports/import.ts';
import type { ImportFile } from './import-cli.file.ts';
import { type OrderCounts, type OrderOutcomes, settleOrders } from './import-cli.settle.ts';
import type { ImportSystem } from './import-cli.system.ts';

export type Progress = Readonly<{
  phase: 'importing' | 'settling';
  rows: number;
  /** Rows of the chunks recorded so far (placed + rejected). */
  processed: number;
  placed: number;
  rejected: number;
  chunks?: number;
  chunksDone: number;
  deadLettered: number;
  /** Settling: the imported orders per status so far, and the messages still in the work queues. */
  orders: OrderCounts;
  queued: number;
  elapsedMs: number;
}>;

export type ImportResult = Readonly<{
  importId: string;
  objectKey: string;
  /** The fan-in finished and the summary was written; false when a chunk ended in the DLQ. */
  completed: boolean;
  rows: number;
  placed: number;
  rejected: readonly RowRejection[];
  deadLetteredChunks: number;
  orders: OrderOutcomes;
  /** Upload to summary. */
  importMs: number;
  /** Upload to the orders' flows at rest (or given up on). */
  elapsedMs: number;
}>;

export type RunOptions = Readonly<{
  onProgress: (p: Progress) => void;
  /** Order ids of placed rows by row, filled as chunks finish (see openImportSystem's onPlaced). */
  placedOrders: ReadonlyMap<number, string>;
  /** True once the splitter has given up on the file (its retries exhausted): the import cannot finish. */
  abandoned?: () => boolean;
  /** The longest wait for the orders' flows once the import is summarized. */
  settleMaxMs: number;
  tickMs?: number;
}>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Uploads the file as the imports bucket would receive it, follows the import's fan-in counters until its summary
 * is written (or nothing left could finish it: a chunk dead-lettered, the splitter given up), then follows the
 * imported orders through their own flows (see settleOrders).
 */
export const runImport = async (sys: ImportSystem, file: ImportFile, o: RunOptions): Promise<ImportResult> => {
  const tickMs = o.tickMs ?? 100;
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const { imports, system } = sys;
  const objectKey = `imports/${basename(file.path)}`;
  const importId = await imports.upload(objectKey, file.body);
  const progress = (st: ImportStatus | undefined): Progress => ({
    phase: 'importing',
    rows: st?.rows ?? file.rows,
    processed: (st?.placed ?? 0) + (st?.rejected ?? 0),
    placed: st?.placed ?? 0,
    rejected: st?.rejected ?? 0,
    ...(st?.chunks !== undefined && { chunks: st.chunks }),
    chunksDone: st?.chunksDone ?? 0,
    deadLettered: imports.deadLetters?.approximateNumberOfMessages() ?? 0,
    orders: {},
    queued: 0,
    elapsedMs: elapsed(),
  });

  let status: ImportStatus | undefined;
  for (;;) {
    const loaded = await imports.imports.load(importId);
    if (loaded.isOk() && loaded.value) status = loaded.value;
    const p = progress(status);
    o.onProgress(p);
    if (status?.completedAt || o.abandoned?.()) break;
    const queued = imports.chunkQueue.counts();
    const idle = queued.visible + queued.inFlight + queued.delayed === 0;
    if (idle && p.deadLettered > 0 && status?.chunks !== undefined) break; // nothing left that could finish it
    await sleep(tickMs);
  }
  const importMs = elapsed();
  const summary = await imports.summary(importId);
  const results = summary ? undefined : await imports.imports.chunkResults(importId);
  const rejected = summary?.rejected ?? (results?.isOk() ? results.value.flatMap((r) => r.rejected) : []);

  const orders = await settleOrders(system, o.placedOrders.values(), {
    tickMs,
    maxWaitMs: o.settleMaxMs,
    onTick: (counts, queued) => o.onProgress({ ...progress(status), phase: 'settling', orders: counts, queued }),
  });
  return {
    importId,
    objectKey,
    completed: summary !== undefined,
    rows: summary?.rows ?? status?.rows ?? file.rows,
    placed: summary?.placed ?? status?.placed ?? 0,
    rejected,
    deadLetteredChunks: imports.deadLetters?.approximateNumberOfMessages() ?? 0,
    orders,
    importMs,
    elapsedMs: elapsed(),
  };
};
