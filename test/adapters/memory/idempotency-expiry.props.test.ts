import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createMemoryIdempotencyStore } from '#adapters/memory/idempotency-store.memory.ts';

const LEASE_MS = 1_000;
const TTL_SECONDS = 10;
const TTL_MS = TTL_SECONDS * 1000;

type Op = Readonly<{ kind: 'claim' | 'complete' | 'release'; key: string; body: string; wait: number }>;
const op = fc.record({
  kind: fc.constantFrom<Op['kind']>('claim', 'claim', 'complete', 'release'),
  key: fc.constantFrom('a', 'b', 'c', 'd'),
  body: fc.constantFrom('x', 'y'),
  wait: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 * LEASE_MS }), fc.integer({ min: 0, max: 2 * TTL_MS })),
});

/** The rules written out plainly, with no sweeping: what the adapter must answer. */
const model = () => {
  const keys = new Map<string, { body: string; done: boolean; claimedAt: number; expiresAt: number }>();
  const live = (key: string, now: number) => {
    const e = keys.get(key);
    return e && e.expiresAt > now ? e : undefined;
  };
  return {
    claim: (key: string, body: string, now: number) => {
      const e = live(key, now);
      if (e && e.body !== body) return 'IdempotencyKeyReused';
      if (e?.done) return 'completed';
      if (e && now - e.claimedAt < LEASE_MS) return 'RequestInProgress';
      keys.set(key, { body, done: false, claimedAt: now, expiresAt: now + TTL_MS });
      return 'claimed';
    },
    complete: (key: string, now: number) => {
      const e = live(key, now);
      if (e) keys.set(key, { ...e, done: true, expiresAt: now + TTL_MS });
    },
    release: (key: string) => {
      if (keys.get(key)?.done === false) keys.delete(key);
    },
    liveCount: (now: number) => [...keys.keys()].filter((k) => live(k, now)).length,
  };
};

describe('memory idempotency store over time', () => {
  test.prop([fc.array(op, { maxLength: 60 })])(
    'answers as the plain rules do, and holds no more than the live keys once their time to live has passed',
    async (ops) => {
      let now = 0;
      const entries = new Map();
      const store = createMemoryIdempotencyStore({
        clock: () => new Date(now),
        leaseMs: LEASE_MS,
        ttlSeconds: TTL_SECONDS,
        entries,
      });
      const expected = model();
      for (const { kind, key, body, wait } of ops) {
        now += wait;
        if (kind === 'claim') {
          const r = await store.claim(key, body);
          expect(r.isOk() ? r.value.status : r.error.kind).toBe(expected.claim(key, body, now));
        } else if (kind === 'complete') {
          await store.complete(key, body);
          expected.complete(key, now);
        } else {
          await store.release(key);
          expected.release(key);
        }
      }
      // A day later, one more claim sweeps everything that expired: only that key is left.
      now += TTL_MS + 1;
      await store.claim('fresh', 'x');
      expect([...entries.keys()]).toEqual(['fresh']);
      expect(expected.liveCount(now)).toBe(0);
    },
  );
});
