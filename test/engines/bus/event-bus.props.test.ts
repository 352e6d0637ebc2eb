import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '#adapters/memory/engines/event-bus.delivery.ts';
import type { BusEvent, BusRule, DeadLetterMessage } from '#adapters/memory/engines/event-bus.types.ts';
import { busWith, entry, failing, T0 } from './bus.fixtures.ts';

type Behaviour =
  | { kind: 'ok' }
  | { kind: 'transient'; failures: number }
  | { kind: 'permanent' }
  | { kind: 'nonRetryable' }
  | { kind: 'coinFlip'; seed: number };

const behaviour: fc.Arbitrary<Behaviour> = fc.oneof(
  fc.constant({ kind: 'ok' as const }),
  fc.record({ kind: fc.constant('transient' as const), failures: fc.integer({ min: 1, max: 6 }) }),
  fc.constant({ kind: 'permanent' as const }),
  fc.constant({ kind: 'nonRetryable' as const }),
  fc.record({ kind: fc.constant('coinFlip' as const), seed: fc.integer() }),
);
const SOURCES = ['orders', 'payments', 'stock'] as const;
const target = fc.record({
  behaviour,
  maxRetries: fc.integer({ min: 0, max: 6 }),
  maxAgeSeconds: fc.option(fc.integer({ min: 60, max: 600 }), { nil: undefined }),
  dlq: fc.constantFrom('ok', 'none', 'failing'),
});
const scenario = fc.record({
  rules: fc.array(
    fc.record({
      sources: fc.subarray([...SOURCES], { minLength: 1 }),
      targets: fc.array(target, { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  events: fc.array(fc.record({ source: fc.constantFrom(...SOURCES), at: fc.integer({ min: 0, max: 20_000 }) }), {
    minLength: 1,
    maxLength: 12,
  }),
  jitterSeed: fc.integer(),
});

/** Small deterministic PRNG so a counterexample replays exactly. */
const prng = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

describe('event bus under fault injection', () => {
  test.prop([scenario], { numRuns: 300 })(
    'every matched (event, target) pair is delivered once, dead-lettered or dropped, with retries within policy',
    async (s) => {
      const env = busWith([], { random: prng(s.jitterSeed) });
      const attempts = new Map<string, number[]>();
      const delivered = new Map<string, number>();
      const deadLettered = new Map<string, DeadLetterMessage>();
      const config = new Map<string, (typeof s.rules)[number]['targets'][number]>();

      const rules: BusRule[] = s.rules.map((r, ri) => ({
        name: `rule${ri}`,
        pattern: { source: r.sources },
        targets: r.targets.map((t, ti) => {
          const id = `t${ti}`;
          config.set(`rule${ri}/${id}`, t);
          const coin = t.behaviour.kind === 'coinFlip' ? prng(t.behaviour.seed) : () => 0;
          return {
            id,
            retryPolicy: {
              maximumRetryAttempts: t.maxRetries,
              ...(t.maxAgeSeconds === undefined ? {} : { maximumEventAgeInSeconds: t.maxAgeSeconds }),
            },
            invoke: async (input: unknown) => {
              const key = `${(input as BusEvent).id}|rule${ri}/${id}`;
              const times = attempts.get(key) ?? [];
              times.push(env.scheduler.now());
              attempts.set(key, times);
              const b = t.behaviour;
              if (b.kind === 'permanent' || (b.kind === 'transient' && times.length <= b.failures)) throw failing();
              if (b.kind === 'coinFlip' && coin() < 0.5) throw failing();
              if (b.kind === 'nonRetryable') throw Object.assign(failing('AccessDenied'), { retryable: false });
              delivered.set(key, (delivered.get(key) ?? 0) + 1);
            },
            ...(t.dlq === 'none'
              ? {}
              : {
                  deadLetter: (m: DeadLetterMessage) => {
                    if (t.dlq === 'failing') throw new Error('DLQ unavailable');
                    deadLettered.set(`${m.event.id}|${m.ruleName}/${m.targetId}`, m);
                  },
                }),
          };
        }),
      }));
      for (const rule of rules) env.bus.putRule(rule)._unsafeUnwrap();

      const expected = new Set<string>();
      for (const e of s.events)
        env.scheduler.schedule(e.at, () => {
          const id = env.bus.putEvents([entry(e.source)])._unsafeUnwrap().Entries[0]!.EventId!;
          for (const [ri, r] of s.rules.entries())
            if (r.sources.includes(e.source)) for (const ti of r.targets.keys()) expected.add(`${id}|rule${ri}/t${ti}`);
        });
      const report = await env.scheduler.runUntilIdle({ maxSteps: 50_000 });
      expect(report.isOk(), JSON.stringify(report)).toBe(true);

      const dropped = new Map(env.bus.dropped().map((d) => [`${d.event.id}|${d.ruleName}/${d.targetId}`, d]));
      for (const key of expected) {
        const t = config.get(key.split('|')[1]!)!;
        const outcomes = [delivered.has(key), deadLettered.has(key), dropped.has(key)].filter(Boolean);
        expect(outcomes, `${key}: exactly one outcome`).toHaveLength(1);
        expect(delivered.get(key) ?? 1).toBe(1);
        const times = attempts.get(key)!;
        expect(times.length).toBeLessThanOrEqual(t.maxRetries + 1);
        // each retry waited within the jittered exponential ceiling, and none started past the event age
        for (let k = 1; k < times.length; k++) {
          const ceiling = Math.min(DEFAULT_BACKOFF.maxDelayMs, DEFAULT_BACKOFF.baseDelayMs * 2 ** (k - 1));
          expect(times[k]! - times[k - 1]!).toBeGreaterThanOrEqual(backoffDelay(k, DEFAULT_BACKOFF, () => 0));
          expect(times[k]! - times[k - 1]!).toBeLessThanOrEqual(ceiling);
        }
        expect(times.at(-1)! - times[0]!).toBeLessThanOrEqual((t.maxAgeSeconds ?? 86_400) * 1000);
        const failure = deadLettered.get(key) ?? dropped.get(key);
        if (failure) {
          expect(failure.attempts).toBe(times.length);
          expect(failure.errorMessage).toBeTruthy();
          if (t.behaviour.kind === 'nonRetryable') expect(failure).not.toHaveProperty('exhaustedRetryCondition');
          else expect(['MaximumRetryAttempts', 'MaximumEventAgeInSeconds']).toContain(failure.exhaustedRetryCondition);
          if (dropped.has(key))
            expect(dropped.get(key)!.reason).toBe(t.dlq === 'none' ? 'NoDeadLetterQueue' : 'DeadLetterFailed');
          else expect(t.dlq).toBe('ok');
        }
        if (t.behaviour.kind === 'ok') expect(delivered.has(key)).toBe(true);
        if (t.behaviour.kind === 'permanent' || t.behaviour.kind === 'nonRetryable')
          expect(delivered.has(key)).toBe(false);
        if (t.behaviour.kind === 'nonRetryable') expect(times).toHaveLength(1);
        // enough retries whose worst-case waits fit in the age limit always get a transient failure through
        if (t.behaviour.kind === 'transient' && t.behaviour.failures <= t.maxRetries) {
          const worst = Array.from({ length: t.behaviour.failures }, (_, k) => Math.min(600_000, 1000 * 2 ** k)).reduce(
            (a, b) => a + b,
            0,
          );
          if (worst <= (t.maxAgeSeconds ?? 86_400) * 1000) expect(delivered.has(key)).toBe(true);
        }
      }
      for (const key of [...attempts.keys(), ...deadLettered.keys(), ...dropped.keys()])
        expect(expected.has(key)).toBe(true);
      // the sum check
      const stats = env.bus.stats();
      expect(stats.matched).toBe(expected.size);
      expect(stats.delivered + stats.deadLettered + stats.dropped).toBe(expected.size);
      expect([stats.delivered, stats.deadLettered, stats.dropped]).toEqual([
        delivered.size,
        deadLettered.size,
        dropped.size,
      ]);
      expect(env.scheduler.now() - T0).toBeLessThanOrEqual(20_000 + 600_000 * 7);
    },
  );
});
