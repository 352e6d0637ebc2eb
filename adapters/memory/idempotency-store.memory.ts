import { errAsync, okAsync } from 'neverthrow';
import type { Clock } from '#app/ports/clock.ts';
import type { IdempotencyStore } from '#app/ports/idempotency-store.ts';

type Entry = { fingerprint: string; status: 'claimed' | 'completed'; result?: unknown; claimedAt: number };

/** A claim not completed within the lease was abandoned (its worker crashed): the next caller may take it over. */
export const DEFAULT_LEASE_MS = 60_000;

export const createMemoryIdempotencyStore = ({
  clock,
  leaseMs = DEFAULT_LEASE_MS,
  entries = new Map<string, Entry>(),
}: {
  clock: Clock;
  leaseMs?: number;
  entries?: Map<string, Entry>;
}): IdempotencyStore => ({
  claim: (key, fingerprint) => {
    const now = clock().getTime();
    const found = entries.get(key);
    if (found && found.fingerprint !== fingerprint) return errAsync({ kind: 'IdempotencyKeyReused', key });
    if (found?.status === 'completed') return okAsync({ status: 'completed', result: structuredClone(found.result) });
    if (found && now - found.claimedAt < leaseMs) return errAsync({ kind: 'RequestInProgress', key });
    entries.set(key, { fingerprint, status: 'claimed', claimedAt: now });
    return okAsync({ status: 'claimed' });
  },
  complete: (key, result) => {
    const found = entries.get(key);
    if (found) entries.set(key, { ...found, status: 'completed', result: structuredClone(result) });
    return okAsync(undefined);
  },
  release: (key) => {
    if (entries.get(key)?.status === 'claimed') entries.delete(key);
    return okAsync(undefined);
  },
});
