import { createMemoryOutbox, type MemoryOutbox, type MemoryOutboxOptions } from '#adapters/memory/outbox.memory.ts';
import type { EventPublisher } from '#app/ports/event-publisher.ts';
import type { EventEnvelope } from '#domain/events.ts';
import type { Journal } from './journal.fs.ts';

export type FsOutboxOptions = MemoryOutboxOptions &
  Readonly<{
    journal: Journal;
    /** Events committed before the last stop and not known to be published, in commit order. */
    pending?: readonly EventEnvelope[];
    /** The sequence number of the last event ever committed (published or not). */
    lastSeq?: number;
  }>;

export type FsOutbox = MemoryOutbox &
  Readonly<{
    /** Wakes the relay: after a restart, the pending events are published without waiting for a new write. */
    kick: () => void;
  }>;

/**
 * The memory outbox made durable: each append is staged with the row(s) of the same save and committed as ONE
 * journal line; each successful publish records how far the bus has the events. Events committed but not published
 * when the process stopped are pending again on the next start (published at least once, as with DynamoDB Streams).
 */
export const createFsOutbox = ({ journal, pending = [], lastSeq = 0, ...options }: FsOutboxOptions): FsOutbox => {
  const inner = createMemoryOutbox(options);
  const listeners: (() => void)[] = [];
  let seq = lastSeq;
  let publishedThrough = lastSeq - pending.length;
  inner.append(pending); // no listener yet: nothing is published before the system asks
  return {
    ...inner,
    append: (events) => {
      for (const e of events) journal.stage({ k: 'evt', seq: ++seq, e });
      journal.commit(); // the save's rows and these events: one line
      inner.append(events);
    },
    drain: (publisher) => {
      // The relay publishes pending events from the front, in commit order: a published batch advances the mark.
      const marking: EventPublisher = {
        publish: (events) =>
          publisher.publish(events).andTee(() => {
            publishedThrough += events.length;
            journal.stage({ k: 'pub', through: publishedThrough });
          }),
      };
      return inner.drain(marking);
    },
    onAppend: (listener) => {
      listeners.push(listener);
      inner.onAppend(listener);
    },
    kick: () => {
      for (const l of listeners) l();
    },
  };
};
