import { errAsync, type ResultAsync } from 'neverthrow';
import type { Pause } from './ports/pause.ts';

/**
 * How the losers of an optimistic-concurrency race try again: exponential backoff with full jitter (a wait drawn
 * from [0, min(cap, base·2^n)) — AWS's recommendation for contended writes). Retrying at once makes every loser
 * collide again with the same winner's successors; on a hot SKU, 25 concurrent reservations exhausted their
 * attempts and waited out the queue's visibility timeout (60 s) instead of settling in well under a second.
 */
export type ConflictBackoff = Readonly<{
  pause: Pause;
  /** Spreads contenders apart: the jitter is drawn from it, so a replay waits the same and two contenders differ. */
  jitterKey: string;
  attempts?: number;
  baseMs?: number;
  capMs?: number;
}>;

export const CONFLICT_ATTEMPTS = 8;
export const CONFLICT_BASE_MS = 10;
export const CONFLICT_CAP_MS = 1_000;

/**
 * A fraction in [0, 1) from (key, attempt), by FNV-1a. Deterministic rather than Math.random, so a property test's
 * seed replays the same interleaving; well mixed, so contenders with different keys do not wait in lockstep.
 */
export const jitterFraction = (key: string, attempt: number): number => {
  let hash = 0x811c9dc5;
  const text = `${key}#${attempt}`;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0) / 0x1_0000_0000;
};

/** The wait before try `attempt + 1` (attempt 0 is the first try). */
export const conflictDelayMs = (
  key: string,
  attempt: number,
  baseMs = CONFLICT_BASE_MS,
  capMs = CONFLICT_CAP_MS,
): number => Math.floor(jitterFraction(key, attempt) * Math.min(capMs, baseMs * 2 ** attempt));

/**
 * Optimistic concurrency: when another writer won the race, wait (see ConflictBackoff), load and decide again.
 * After `attempts` losses the VersionConflict goes to the caller, who may retry later (a queue redelivers).
 */
export const retryOnConflict = <T, E extends { kind: string }>(
  attempt: () => ResultAsync<T, E>,
  { pause, jitterKey, attempts = CONFLICT_ATTEMPTS, baseMs, capMs }: ConflictBackoff,
): ResultAsync<T, E> => {
  const tryFrom = (n: number): ResultAsync<T, E> =>
    attempt().orElse((e) =>
      e.kind === 'VersionConflict' && n + 1 < attempts
        ? pause(conflictDelayMs(jitterKey, n, baseMs, capMs)).andThen(() => tryFrom(n + 1))
        : errAsync(e),
    );
  return tryFrom(0);
};
