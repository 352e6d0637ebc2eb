import { beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '#app/ports/clock.ts';
import type { IdempotencyStore } from '#app/ports/idempotency-store.ts';

/** What every adapter is built with here: a clock the test moves, a claim lease and a time to live. */
export type IdempotencyStoreSetup = Readonly<{ clock: Clock; leaseMs: number; ttlSeconds: number }>;

const LEASE_MS = 60_000;
const TTL_SECONDS = 3_600;

export const idempotencyStoreContract = (
  name: string,
  make: (setup: IdempotencyStoreSetup) => Promise<IdempotencyStore>,
) =>
  describe(`IdempotencyStore contract (${name})`, () => {
    let store: IdempotencyStore;
    let now: number;
    beforeEach(async () => {
      now = Date.parse('2026-01-01T00:00:00Z');
      store = await make({ clock: () => new Date(now), leaseMs: LEASE_MS, ttlSeconds: TTL_SECONDS });
    });

    it('claims a new key once; a second claim while in progress is RequestInProgress', async () => {
      expect((await store.claim('k1', 'f'))._unsafeUnwrap()).toEqual({ status: 'claimed' });
      expect((await store.claim('k1', 'f'))._unsafeUnwrapErr().kind).toBe('RequestInProgress');
    });

    it('answers a completed key with its stored result', async () => {
      await store.claim('k2', 'f');
      await store.complete('k2', { orderId: 'o-9' });
      expect((await store.claim('k2', 'f'))._unsafeUnwrap()).toEqual({
        status: 'completed',
        result: { orderId: 'o-9' },
      });
    });

    it('refuses the same key with another fingerprint', async () => {
      await store.claim('k3', 'body-a');
      await store.complete('k3', 'x');
      expect((await store.claim('k3', 'body-b'))._unsafeUnwrapErr().kind).toBe('IdempotencyKeyReused');
    });

    it('lets a released key be claimed again', async () => {
      await store.claim('k4', 'f');
      await store.release('k4');
      expect((await store.claim('k4', 'f'))._unsafeUnwrap()).toEqual({ status: 'claimed' });
    });

    it('lets a stale claim be taken over by the same request, never by another one', async () => {
      expect((await store.claim('lease', 'f'))._unsafeUnwrap()).toEqual({ status: 'claimed' });
      now += LEASE_MS - 1_000;
      expect((await store.claim('lease', 'f'))._unsafeUnwrapErr().kind).toBe('RequestInProgress');
      now += 2_000;
      expect((await store.claim('lease', 'other'))._unsafeUnwrapErr().kind).toBe('IdempotencyKeyReused');
      expect((await store.claim('lease', 'f'))._unsafeUnwrap()).toEqual({ status: 'claimed' });
      expect((await store.claim('lease', 'f'))._unsafeUnwrapErr().kind).toBe('RequestInProgress');
    });

    it('forgets a key after its time to live, and keeps a completed result on release', async () => {
      await store.claim('ttl', 'f');
      await store.complete('ttl', { nested: [1, { a: null }] });
      await store.release('ttl');
      expect((await store.claim('ttl', 'f'))._unsafeUnwrap()).toEqual({
        status: 'completed',
        result: { nested: [1, { a: null }] },
      });
      now += TTL_SECONDS * 1000 - 1_000;
      expect((await store.claim('ttl', 'another body'))._unsafeUnwrapErr().kind).toBe('IdempotencyKeyReused');
      now += 2_000;
      expect((await store.claim('ttl', 'another body'))._unsafeUnwrap()).toEqual({ status: 'claimed' });
      await store.complete('ttl', null);
      expect((await store.claim('ttl', 'another body'))._unsafeUnwrap()).toMatchObject({ status: 'completed' });
    });

    it('counts the time to live from completion, not from the claim', async () => {
      await store.claim('late', 'f');
      now += LEASE_MS / 2;
      await store.complete('late', 'done');
      now += TTL_SECONDS * 1000 - 1_000;
      expect((await store.claim('late', 'f'))._unsafeUnwrap()).toEqual({ status: 'completed', result: 'done' });
    });

    it('treats completing an unclaimed key as nothing to remember', async () => {
      expect((await store.complete('never-claimed', 1)).isOk()).toBe(true);
      expect((await store.claim('never-claimed', 'f'))._unsafeUnwrap()).toEqual({ status: 'claimed' });
    });
  });
