import type { ResultAsync } from 'neverthrow';
import type { EventEnvelope } from '#domain/events.ts';
import type { Unavailable } from '../errors.ts';

/**
 * Puts committed events on the bus. Called by the outbox relay, never by a use case directly
 * (use cases store events with their state; see OrderRepository).
 */
export type EventPublisher = Readonly<{
  publish: (events: readonly EventEnvelope[]) => ResultAsync<void, Unavailable>;
}>;
