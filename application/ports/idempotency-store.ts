import type { ResultAsync } from 'neverthrow';
import type { IdempotencyKeyReused, RequestInProgress, Unavailable } from '../errors.ts';

/** A claim not completed within the lease was abandoned (its worker crashed): the next caller may take it over. */
export const IDEMPOTENCY_LEASE_MS = 60_000;
/** How long a key is remembered: long past any redelivery or client retry (DynamoDB's TTL deletes it after). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export type IdempotencyClaim = Readonly<{ status: 'claimed' }> | Readonly<{ status: 'completed'; result: unknown }>;

/**
 * Remembers finished work by key: HTTP commands by Idempotency-Key, consumers by (consumer, event id).
 * `claim` is a conditional create; the same key with another fingerprint is IdempotencyKeyReused.
 */
export type IdempotencyStore = Readonly<{
  claim: (
    key: string,
    fingerprint: string,
  ) => ResultAsync<IdempotencyClaim, IdempotencyKeyReused | RequestInProgress | Unavailable>;
  complete: (key: string, result: unknown) => ResultAsync<void, Unavailable>;
  /** Gives the key up after a failure, so a retry may run again. */
  release: (key: string) => ResultAsync<void, Unavailable>;
}>;
