import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { EventEnvelope } from '#domain/events.ts';
import type { AppError } from '../errors.ts';
import type { IdempotencyStore } from '../ports/idempotency-store.ts';

export type Reaction = (event: EventEnvelope) => ResultAsync<unknown, AppError>;

/**
 * At-least-once delivery made effectively-once: a consumer remembers (consumer, event id) when it finishes,
 * so a redelivered event is acknowledged without acting twice. A failure releases the key for the retry.
 */
export const once =
  (idempotency: IdempotencyStore, consumer: string, reaction: Reaction): Reaction =>
  (event) => {
    const key = `${consumer}#${event.id}`;
    return idempotency.claim(key, event.id).andThen((claim) =>
      claim.status === 'completed'
        ? okAsync<unknown, AppError>(claim.result)
        : reaction(event)
            .andThen((result) => idempotency.complete(key, null).map(() => result))
            .orElse((e) => idempotency.release(key).andThen(() => errAsync<unknown, AppError>(e))),
    );
  };
