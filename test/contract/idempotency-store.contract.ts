import { beforeEach, describe, expect, it } from 'vitest';
import type { IdempotencyStore } from '#app/ports/idempotency-store.ts';

export const idempotencyStoreContract = (name: string, make: () => Promise<IdempotencyStore>) =>
  describe(`IdempotencyStore contract (${name})`, () => {
    let store: IdempotencyStore;
    beforeEach(async () => {
      store = await make();
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
  });
