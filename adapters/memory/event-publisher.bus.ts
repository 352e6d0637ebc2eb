import { errAsync, okAsync } from 'neverthrow';
import { toPutEventsEntry } from '#adapters/eventbridge/envelope.ts';
import type { EventPublisher } from '#app/ports/event-publisher.ts';
import type { MemoryEventBus } from './engines/event-bus.types.ts';

const MAX_ENTRIES = 10;

/** The outbox relay's publisher onto the in-process bus: the same wire form, batches and failure rules as AWS. */
export const createBusPublisher = (bus: MemoryEventBus): EventPublisher => ({
  publish: (events) => {
    for (let i = 0; i < events.length; i += MAX_ENTRIES) {
      const batch = events.slice(i, i + MAX_ENTRIES);
      const out = bus.putEvents(batch.map((e) => toPutEventsEntry(e, bus.name)));
      if (out.isErr()) return errAsync({ kind: 'Unavailable', dependency: 'eventbridge', message: out.error.message });
      if (out.value.FailedEntryCount > 0) {
        const failed = out.value.Entries.flatMap((e, j) => (e.ErrorCode ? [`${batch[j]?.id}: ${e.ErrorCode}`] : []));
        return errAsync({ kind: 'Unavailable', dependency: 'eventbridge', message: failed.join('; ') });
      }
    }
    return okAsync(undefined);
  },
});
