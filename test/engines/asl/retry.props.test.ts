import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { retryDelaySeconds } from '#adapters/stepfunctions/asl/retry-catch.ts';
import type { Retrier } from '#adapters/stepfunctions/asl/types.ts';
import { lambdaError, run } from './fixtures.ts';

const retrier: fc.Arbitrary<Retrier> = fc.record(
  {
    ErrorEquals: fc.constant(['Boom']),
    IntervalSeconds: fc.integer({ min: 1, max: 30 }),
    MaxAttempts: fc.integer({ min: 0, max: 6 }),
    BackoffRate: fc.double({ min: 1, max: 4, noNaN: true }),
    MaxDelaySeconds: fc.integer({ min: 1, max: 120 }),
    JitterStrategy: fc.constantFrom('FULL' as const, 'NONE' as const),
  },
  { requiredKeys: ['ErrorEquals'] },
);

const bound = (r: Retrier, attempt: number): number => {
  const base = (r.IntervalSeconds ?? 1) * (r.BackoffRate ?? 2) ** attempt;
  return r.MaxDelaySeconds === undefined ? base : Math.min(base, r.MaxDelaySeconds);
};

test.prop([
  retrier,
  fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 8, maxLength: 8 }),
])(
  'every retry delay lies in [0, min(interval × rate^n, MaxDelaySeconds)], exactly the bound without jitter',
  (r, draws) => {
    let d = 0;
    const random = () => draws[d++] as number;
    const max = r.MaxAttempts ?? 3;
    for (let n = 0; n < 8; n++) {
      const delay = retryDelaySeconds(r, n, random);
      if (n >= max) {
        expect(delay).toBeUndefined();
        continue;
      }
      expect(delay).toBeDefined();
      if (r.JitterStrategy === 'FULL') {
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(bound(r, n) + 1e-9);
      } else expect(delay).toBeCloseTo(bound(r, n), 9);
    }
  },
);

test.prop([retrier, fc.integer({ min: 0, max: 8 })], { numRuns: 60 })(
  'an execution makes min(failures, MaxAttempts) retries, spaced by the recorded delays',
  async (r, failures) => {
    let calls = 0;
    const def = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [r], End: true } },
    };
    const result = await run(
      def,
      {},
      {
        random: () => 0.5,
        taskHandlers: {
          T: async () => {
            if (calls++ < failures) throw lambdaError('Boom', 'again');
            return 'ok';
          },
        },
      },
    );
    const max = r.MaxAttempts ?? 3;
    expect(calls).toBe(Math.min(failures, max) + 1);
    expect(result.status).toBe(failures <= max ? 'SUCCEEDED' : 'FAILED');
    const scheduled = result.history.filter((e) => e.type === 'TaskScheduled').map((e) => e.timestamp.getTime());
    for (let n = 1; n < scheduled.length; n++) {
      const expected = bound(r, n - 1) * (r.JitterStrategy === 'FULL' ? 0.5 : 1);
      expect((scheduled[n] as number) - (scheduled[n - 1] as number)).toBe(Math.round(expected * 1000));
    }
  },
);
