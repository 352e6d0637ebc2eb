import type { EventPublisher } from '#app/ports/event-publisher.ts';
import type { EventEnvelope } from '#domain/events.ts';

/**
 * The in-process outbox: repositories append the events of a write in the same step as the state, and a relay
 * publishes them afterwards. A failed publish leaves them pending, so a crash between write and publish loses
 * nothing: the next drain sends them (at least once, as the DynamoDB Streams relay does).
 */
export type MemoryOutbox = Readonly<{
  append: (events: readonly EventEnvelope[]) => void;
  pending: () => readonly EventEnvelope[];
  /** The committed events retained, in commit order: every one by default (tests), the latest `retain` otherwise. */
  committed: () => readonly EventEnvelope[];
  /** How many events were ever committed (retained or not). */
  committedCount: () => number;
  drain: (publisher: EventPublisher) => Promise<{ published: number; failed: number }>;
  onAppend: (listener: () => void) => void;
}>;

export type MemoryOutboxOptions = Readonly<{
  /**
   * How many committed events to keep for `committed()`. A long-running local server keeps a window, so memory
   * stays flat however many orders pass through; tests keep everything to inspect it.
   */
  retain?: number;
}>;

export const createMemoryOutbox = ({ retain = Number.POSITIVE_INFINITY }: MemoryOutboxOptions = {}): MemoryOutbox => {
  let all: EventEnvelope[] = [];
  let count = 0;
  let pending: EventEnvelope[] = [];
  const listeners: (() => void)[] = [];
  let draining: Promise<{ published: number; failed: number }> | undefined;

  const drainOnce = async (publisher: EventPublisher) => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return { published: 0, failed: 0 };
    const sent = await publisher.publish(batch);
    if (sent.isErr()) {
      pending = [...batch, ...pending]; // keep order; retried on the next drain
      return { published: 0, failed: batch.length };
    }
    return { published: batch.length, failed: 0 };
  };

  return {
    append: (events) => {
      if (events.length === 0) return;
      count += events.length;
      all.push(...events);
      // Trimmed in steps of `retain`, so the copy is amortized over as many appends.
      if (all.length >= 2 * retain) all = all.slice(-retain);
      pending.push(...events);
      for (const l of listeners) l();
    },
    pending: () => [...pending],
    committed: () => (all.length > retain ? all.slice(-retain) : [...all]),
    committedCount: () => count,
    drain: (publisher) => {
      // One drain at a time keeps publication in commit order.
      const run = (draining ?? Promise.resolve()).then(() => drainOnce(publisher));
      draining = run.finally(() => {
        if (draining === run) draining = undefined;
      });
      return run;
    },
    onAppend: (listener) => {
      listeners.push(listener);
    },
  };
};
