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
  /** Every event ever committed, in commit order (for tests and the local console). */
  committed: () => readonly EventEnvelope[];
  drain: (publisher: EventPublisher) => Promise<{ published: number; failed: number }>;
  onAppend: (listener: () => void) => void;
}>;

export const createMemoryOutbox = (): MemoryOutbox => {
  const all: EventEnvelope[] = [];
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
      all.push(...events);
      pending.push(...events);
      for (const l of listeners) l();
    },
    pending: () => [...pending],
    committed: () => [...all],
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
