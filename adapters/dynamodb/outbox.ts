import type { EventEnvelope } from '#domain/events.ts';
import { outboxKey } from './keys.ts';

/**
 * One item per event, written in the same transaction as the state that produced it. The relay reads the
 * INSERT from the table's stream and publishes the envelope, stored as its exact JSON text so that what goes
 * on the bus is byte-for-byte what the use case built. The TTL keeps a short audit trail, then cleans up.
 */
export const outboxItem = (envelope: EventEnvelope, expiresAt: number) => ({
  ...outboxKey(envelope.id),
  type: 'Outbox',
  eventType: envelope.type,
  correlationId: envelope.correlationId,
  envelope: JSON.stringify(envelope),
  expiresAt,
});

export const DEFAULT_OUTBOX_TTL_SECONDS = 24 * 60 * 60;
