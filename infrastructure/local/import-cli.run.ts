import { basename } from 'node:path';
import type { ImportStatus } from '#app/ports/import-repository.ts';
import type { RowRejection } from '#domain/imports/import.ts';
import type { OrderStatus } from '#domain/order/order.events.ts';
import type { ImportFile } from './import-cli.file.ts';
import type { ImportSystem } from './import-cli.system.ts';
import type { LocalSystem } from './system.ts';

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
  /** Settling: imported orders per status so far. */
  orders: Readonly<Partial<Record<OrderStatus, number>>>;
  elapsedMs: number;
}>;

export type OrderOutcomes = Readonly<{
  statuses: Readonly<Partial<Record<OrderStatus, number>>>;
  cancellationReasons: Readonly<Partial<Record<string, number>>>;
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
  /** Order ids of placed rows, filled as chunks finish (see openImportSystem's onPlaced). */
  placedOrders: ReadonlyMap<number, string>;
  tickMs?: number;
  /** Stop waiting for the orders' flows after this long without any order changing state. */
  stallMs?: number;
}>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const AT_REST: ReadonlySet<OrderStatus> = new Set(['CONFIRMED', 'CANCELLED', 'AWAITING_APPROVAL']);

/**
 * Uploads the file as the imports bucket would receive it, follows the import's fan-in counters until its summary
 * is written (or a chunk is dead-lettered with nothing left to run), then follows the imported orders until each is
 * confirmed, cancelled or waiting for an approval, the outbox is drained and no saga is running.
 */
export const runImport = async (sys: ImportSystem, file: ImportFile, o: RunOptions): Promise<ImportResult> => {
  const tickMs = o.tickMs ?? 100;
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const { imports, system } = sys;
  const objectKey = `imports/${basename(file.path)}`;
  const importId = await imports.upload(objectKey, file.body);
  const progress = (st: ImportStatus | undefined, orders: Progress['orders'] = {}): Progress => ({
    phase: 'importing',
    rows: st?.rows ?? file.rows,
    processed: (st?.placed ?? 0) + (st?.rejected ?? 0),
    placed: st?.placed ?? 0,
    rejected: st?.rejected ?? 0,
    ...(st?.chunks !== undefined && { chunks: st.chunks }),
    chunksDone: st?.chunksDone ?? 0,
    deadLettered: imports.deadLetters?.approximateNumberOfMessages() ?? 0,
    orders,
    elapsedMs: elapsed(),
  });

  let status: ImportStatus | undefined;
  for (;;) {
    const loaded = await imports.imports.load(importId);
    if (loaded.isOk() && loaded.value) status = loaded.value;
    const p = progress(status);
    o.onProgress(p);
    if (status?.completedAt) break;
    const queued = imports.chunkQueue.counts();
    const idle = queued.visible + queued.inFlight + queued.delayed === 0;
    if (idle && p.deadLettered > 0 && status?.chunks !== undefined) break; // nothing left that could finish it
    await sleep(tickMs);
  }
  const importMs = elapsed();
  const summary = await imports.summary(importId);
  const results = summary ? undefined : await imports.imports.chunkResults(importId);
  const rejected = summary?.rejected ?? (results?.isOk() ? results.value.flatMap((r) => r.rejected) : []);

  // The orders' own flows: wait until every imported order is at rest, or nothing has moved for `stallMs`.
  const statuses = new Map<string, OrderStatus>();
  const reasons = new Map<string, string>();
  let lastChange = performance.now();
  for (;;) {
    for (const orderId of new Set(o.placedOrders.values())) {
      const before = statuses.get(orderId);
      if (before && before !== 'PENDING') continue; // CONFIRMED/CANCELLED are final; AWAITING_APPROVAL waits for a person
      const row = await system.adapters.orders.load(orderId as never);
      const order = row.isOk() ? row.value?.state : undefined;
      if (!order) continue;
      if (order.status !== before) lastChange = performance.now();
      statuses.set(orderId, order.status);
      if (order.cancellationReason) reasons.set(orderId, order.cancellationReason);
    }
    const counts = countBy(statuses.values());
    o.onProgress({ ...progress(status, counts), phase: 'settling' });
    const atRest = [...statuses.values()].every((s) => AT_REST.has(s));
    if (atRest && systemAtRest(system)) break;
    if (performance.now() - lastChange > (o.stallMs ?? 30_000)) break;
    await sleep(tickMs);
  }
  return {
    importId,
    objectKey,
    completed: summary !== undefined,
    rows: summary?.rows ?? status?.rows ?? file.rows,
    placed: summary?.placed ?? status?.placed ?? 0,
    rejected,
    deadLetteredChunks: imports.deadLetters?.approximateNumberOfMessages() ?? 0,
    orders: { statuses: countBy(statuses.values()), cancellationReasons: countBy(reasons.values()) },
    importMs,
    elapsedMs: elapsed(),
  };
};

/**
 * Nothing of the orders' flows left to run: the outbox published, no saga running, no bus delivery pending and the
 * work queues empty (a choreography's compensation runs from a queue after the order is already CANCELLED).
 */
export const systemAtRest = (system: LocalSystem): boolean => {
  const bus = system.bus.stats();
  if (bus.matched > bus.delivered + bus.deadLettered + bus.dropped) return false;
  for (const [name, queue] of system.queues) {
    if (name.endsWith('-dlq')) continue;
    const c = queue.counts();
    if (c.visible + c.inFlight + c.delayed > 0) return false;
  }
  return system.adapters.outbox.pending().length === 0 && system.sagaQuiet();
};

const countBy = <K extends string>(values: Iterable<K>): Partial<Record<K, number>> => {
  const counts: Partial<Record<K, number>> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
};
