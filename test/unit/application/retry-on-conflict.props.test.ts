import { fc, test } from '@fast-check/vitest';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { describe, expect } from 'vitest';
import {
  CONFLICT_ATTEMPTS,
  CONFLICT_BASE_MS,
  CONFLICT_CAP_MS,
  conflictDelayMs,
  jitterFraction,
  retryOnConflict,
} from '#app/retry-on-conflict.ts';

type Outcome = 'ok' | 'VersionConflict' | 'Unavailable';
type Err = { kind: Exclude<Outcome, 'ok'> };

/** Runs retryOnConflict over scripted outcomes, recording every try and every pause. */
const run = async (script: readonly Outcome[], jitterKey: string, attempts?: number) => {
  let tries = 0;
  const pauses: number[] = [];
  const attempt = (): ResultAsync<number, Err> => {
    const outcome = script[tries++] ?? 'ok';
    return outcome === 'ok' ? okAsync(tries) : errAsync({ kind: outcome });
  };
  const pause = (ms: number) => {
    pauses.push(ms);
    return okAsync<void, never>(undefined);
  };
  const result = await retryOnConflict(attempt, { pause, jitterKey, ...(attempts !== undefined && { attempts }) });
  return { result, tries, pauses };
};

describe('retryOnConflict', () => {
  test.prop([
    fc.array(fc.constantFrom<Outcome>('ok', 'VersionConflict', 'Unavailable'), { maxLength: 12 }),
    fc.string(),
  ])(
    'retries only lost races, at most `attempts` tries, pausing before each retry within the backoff window',
    async (script, key) => {
      const { result, tries, pauses } = await run(script, key);
      const leadingConflicts = script.findIndex((o) => o !== 'VersionConflict');
      const conflicts = leadingConflicts === -1 ? script.length : leadingConflicts;
      expect(tries).toBe(Math.min(conflicts, CONFLICT_ATTEMPTS - 1) + 1);
      expect(pauses).toHaveLength(tries - 1);
      pauses.forEach((ms, n) => {
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThan(Math.max(1, Math.min(CONFLICT_CAP_MS, CONFLICT_BASE_MS * 2 ** n)));
        expect(ms).toBe(conflictDelayMs(key, n));
      });
      const last = script[tries - 1] ?? 'ok';
      if (last === 'ok') expect(result._unsafeUnwrap()).toBe(tries);
      else expect(result._unsafeUnwrapErr().kind).toBe(last);
    },
  );

  test.prop([fc.integer({ min: 1, max: 10 }), fc.string()])(
    'hands the VersionConflict back after exactly `attempts` lost races',
    async (attempts, key) => {
      const { result, tries } = await run(Array(20).fill('VersionConflict'), key, attempts);
      expect(tries).toBe(attempts);
      expect(result._unsafeUnwrapErr().kind).toBe('VersionConflict');
    },
  );
});

describe('jitter', () => {
  test.prop([fc.string(), fc.nat(30)])('is a fraction in [0, 1), the same for the same key and attempt', (key, n) => {
    const f = jitterFraction(key, n);
    expect(f).toBeGreaterThanOrEqual(0);
    expect(f).toBeLessThan(1);
    expect(jitterFraction(key, n)).toBe(f);
  });

  test('spreads contenders over the window rather than in lockstep', () => {
    // 1,000 order-like keys: their first waits cover the 10 deciles of the window, none holding over 15 %.
    const deciles = Array(10).fill(0) as number[];
    for (let i = 0; i < 1_000; i++) {
      const f = jitterFraction(`evt-${i.toString(16).padStart(8, '0')}`, 3);
      deciles[Math.floor(f * 10)]! += 1;
    }
    for (const count of deciles) expect(count).toBeGreaterThan(50);
    for (const count of deciles) expect(count).toBeLessThan(150);
  });
});
