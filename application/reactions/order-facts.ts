import type { EventEnvelope } from '#domain/events.ts';
import type { CommandContext } from '../context.ts';

/** The order an event is about, for every event that is about one. */
export const orderIdOf = (event: EventEnvelope): string | undefined =>
  'orderId' in event.data ? String(event.data.orderId) : undefined;

/** A step caused by an event keeps the correlation and names the event as its cause. */
export const causedBy = (event: EventEnvelope): CommandContext => ({
  correlationId: event.correlationId,
  causationId: event.id,
});
