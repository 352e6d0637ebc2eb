import { err, ok, type Result } from 'neverthrow';
import type { SplitterLog } from '#adapters/lambda/s3/csv-splitter.s3.ts';
import { createRealScheduler } from '#adapters/memory/engines/scheduler.ts';
import type { PlacedRow } from '#app/imports/place-imported-order.ts';
import type { MemoryOptions } from '../container/memory.module.ts';
import type { OrderFlowMode } from '../topology/names.ts';
import { stoppable } from './gateway/stoppable-scheduler.ts';
import { attachImports, type LocalImports } from './imports.local.ts';
import { acquireDataLock, type DataDirInUse } from './persistence/data-lock.ts';
import { type LocalStore, openLocalStore, resetLocalStore } from './persistence/local-store.ts';
import { reconcile } from './persistence/reconcile.ts';
import { RETAINED_EVENTS, RETAINED_EXECUTIONS } from './retention.ts';
import { createLocalSystem, type LocalSystem } from './system.ts';

export type ImportSystemOptions = Readonly<{
  mode: OrderFlowMode;
  /** The data folder shared with `npm start`; absent for a throwaway run in memory. */
  dataDir?: string;
  reset?: boolean;
  approvalThreshold?: number;
  /** On-hand stock of a fresh store (or of the memory run). */
  stock?: Readonly<Record<string, number>>;
  chunkSize?: number;
  log: SplitterLog;
  /** Rows that became orders (or found theirs, on a second run of the same file), as each chunk finishes. */
  onPlaced: (rows: readonly PlacedRow[]) => void;
}>;

export type ImportSystem = Readonly<{
  system: LocalSystem;
  imports: LocalImports;
  /** What the store held at open; absent in memory. */
  loaded?: LocalStore['loaded'];
  /** Waits (bounded) for the relay and the sagas, then stops everything and releases the data folder. */
  close: (settleMs: number) => Promise<void>;
}>;

const until = async (done: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
};

/**
 * The local system as `npm start` builds it (same store, same wall-clock scheduler and saga timing, same startup
 * reconciliation of open orders), without the HTTP front, with the import flow attached. The data folder is
 * locked for the whole run: one writer per journal.
 */
export const openImportSystem = async (o: ImportSystemOptions): Promise<Result<ImportSystem, DataDirInUse>> => {
  const lock = o.dataDir === undefined ? undefined : acquireDataLock(o.dataDir, 'npm run import');
  if (lock?.isErr()) return err(lock.error);
  if (o.dataDir !== undefined && o.reset) resetLocalStore(o.dataDir);
  const store =
    o.dataDir === undefined ? undefined : openLocalStore({ dir: o.dataDir, ...(o.stock && { stock: o.stock }) });
  const scheduler = stoppable(createRealScheduler());
  const memory: MemoryOptions = {
    retainEvents: RETAINED_EVENTS,
    ...(o.stock && { stock: o.stock }),
    ...(store && { storage: store.storage }),
    ...(o.approvalThreshold !== undefined && { config: { approvalThreshold: o.approvalThreshold } }),
  };
  const system = createLocalSystem({
    mode: o.mode,
    scheduler,
    sagaTimeScale: 1,
    memory,
    retainFinishedExecutions: RETAINED_EXECUTIONS,
  });
  const imports = attachImports(system, {
    scheduler,
    log: o.log,
    ...(o.chunkSize !== undefined && { chunkSize: o.chunkSize }),
    // The workflow decorator hook (named for its first use, fault injection): here it only reads each outcome.
    faults: {
      workflow: (w) => ({
        run: (chunk, ctx) =>
          w.run(chunk, ctx).map((outcome) => {
            o.onPlaced(outcome.placed);
            return outcome;
          }),
      }),
    },
  });
  if (store) {
    await reconcile(system, { orders: store.storage.orders, wakeRelay: store.storage.outbox.kick });
  }
  const close = async (settleMs: number) => {
    await until(() => system.adapters.outbox.pending().length === 0 && system.sagaQuiet(), settleMs);
    await system.stop();
    scheduler.stop();
    store?.close();
    if (lock?.isOk()) lock.value.release();
  };
  return ok({ system, imports, ...(store && { loaded: store.loaded }), close });
};
