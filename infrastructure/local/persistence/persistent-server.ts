import { type LocalServer, type LocalServerOptions, startLocalServer } from '../gateway/local-server.ts';
import { type LocalStore, openLocalStore, resetLocalStore } from './local-store.ts';
import { type Reconciliation, reconcile } from './reconcile.ts';

export type PersistentServerOptions = LocalServerOptions &
  Readonly<{
    /** The data folder (journal + issuer key). */
    dataDir: string;
    /** Start again from the seed data (the issuer key is kept). */
    reset?: boolean;
    /** Longest wait at startup for restarted sagas to park, and at shutdown for the relay to empty the outbox. */
    settleMs?: number;
  }>;

export type PersistentServer = LocalServer & Readonly<{ store: LocalStore['loaded']; reconciliation: Reconciliation }>;

const waitFor = async (done: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
};

/**
 * `npm start` with the embedded store: the system's tables, outbox and maps are journal-backed, open orders are
 * reconciled before the port opens, and a clean stop lets the relay publish what is pending before the journal
 * closes (what it cannot publish in time stays pending on disk and goes out on the next start).
 */
export const startPersistentServer = async (options: PersistentServerOptions): Promise<PersistentServer> => {
  const { dataDir, reset = false, settleMs = 10_000, ...serverOptions } = options;
  if (reset) resetLocalStore(dataDir);
  const store = openLocalStore({ dir: dataDir, ...(options.memory?.stock && { stock: options.memory.stock }) });
  let reconciliation: Reconciliation = { restarted: [], cancelled: [] };
  let server: LocalServer;
  try {
    server = await startLocalServer({
      ...serverOptions,
      memory: { ...serverOptions.memory, storage: store.storage },
      beforeListen: async (system) => {
        await serverOptions.beforeListen?.(system);
        reconciliation = await reconcile(system, {
          orders: store.storage.orders,
          wakeRelay: store.storage.outbox.kick,
          settleMs,
        });
      },
    });
  } catch (e) {
    store.close();
    throw e;
  }
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      await waitFor(() => store.storage.outbox.pending().length === 0 && server.system.sagaQuiet(), settleMs);
      await server.close();
      store.close();
    })();
    return closed;
  };
  return { ...server, close, store: store.loaded, reconciliation };
};
