import type { ResultAsync } from 'neverthrow';
import type { IdempotencyKeyReused, RequestInProgress, Unavailable } from '../errors.ts';

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
