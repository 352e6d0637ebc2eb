import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '#adapters/memory/engines/event-bus.delivery.ts';
import type { BusTarget } from '#adapters/memory/engines/event-bus.types.ts';
import { busWith, entry, failing, recordingTarget } from './bus.fixtures.ts';

const HOUR = 3_600_000;

/** One rule on source "app" with one target whose behaviour is scripted by attempt number. */
const setup = (behaviour: (attempt: number) => void, extra: Partial<BusTarget> = {}, random = () => 0.5) => {
  const env = busWith([], { random });
  const t = recordingTarget('t', env.scheduler, (_, attempt) => behaviour(attempt), extra);
  env.bus.putRule({ name: 'App', pattern: { source: ['app'] }, targets: [t.target] })._unsafeUnwrap();
  env.bus.putEvents([entry('app')]);
  return { ...env, ...t };
};

describe('retries with exponential backoff and jitter', () => {
  it('keeps each delay within [ceiling/2, ceiling], the ceiling doubling from 1 s up to 10 min', () => {
    for (const [retry, ceiling] of [
      [1, 1000],
      [2, 2000],
      [5, 16_000],
      [10, 512_000],
      [11, 600_000],
      [185, 600_000],
    ] as const) {
      expect(backoffDelay(retry, DEFAULT_BACKOFF, () => 0)).toBe(ceiling / 2);
      expect(backoffDelay(retry, DEFAULT_BACKOFF, () => 1)).toBe(ceiling);
    }
  });

  it('retries a failing target after growing virtual delays, then delivers once', async () => {
    const env = setup((attempt) => {
      if (attempt <= 3) throw failing();
    });
    (await env.scheduler.runUntilIdle())._unsafeUnwrap();
    // random = 0.5: 3/4 of each ceiling (1 s, 2 s, 4 s)
    expect(env.calls.map((c) => c.at)).toEqual([0, 750, 750 + 1500, 750 + 1500 + 3000]);
    expect(env.bus.stats()).toMatchObject({ matched: 1, delivered: 1, retried: 3, deadLettered: 0, dropped: 0 });
    expect(env.deadLetters).toEqual([]);
  });

  it('sends the event to the target’s dead-letter queue after maximumRetryAttempts, with the reason', async () => {
    const env = setup(
      () => {
        throw failing('ServiceUnavailable', 'down for maintenance');
      },
      { retryPolicy: { maximumRetryAttempts: 2 } },
    );
    await env.scheduler.runUntilIdle();
    expect(env.calls).toHaveLength(3);
    expect(env.deadLetters).toEqual([
      {
        event: env.events()[0],
        errorCode: 'ServiceUnavailable',
        errorMessage: 'down for maintenance',
        ruleName: 'App',
        targetId: 't',
        attempts: 3,
        exhaustedRetryCondition: 'MaximumRetryAttempts',
      },
    ]);
    expect(env.bus.stats()).toMatchObject({ matched: 1, delivered: 0, retried: 2, deadLettered: 1 });
  });

  it('stops when the next retry would exceed maximumEventAgeInSeconds', async () => {
    const env = setup(
      () => {
        throw failing();
      },
      { retryPolicy: { maximumEventAgeInSeconds: 60 } },
    );
    await env.scheduler.runUntilIdle();
    // 0.75 s, 1.5 s, 3 s, 6 s, 12 s, 24 s → 47.25 s; the next (48 s) would pass 60 s
    expect(env.calls).toHaveLength(7);
    expect(env.deadLetters[0]).toMatchObject({ attempts: 7, exhaustedRetryCondition: 'MaximumEventAgeInSeconds' });
    expect(env.calls.at(-1)?.at).toBe(47_250);
  });

  it('does not retry an error marked non-retryable (EventBridge sends those straight to the DLQ)', async () => {
    const env = setup(() => {
      throw Object.assign(failing('ResourceNotFoundException', 'no such function'), { retryable: false });
    });
    await env.scheduler.runUntilIdle();
    expect(env.calls).toHaveLength(1);
    expect(env.deadLetters[0]).toMatchObject({ errorCode: 'ResourceNotFoundException', attempts: 1 });
    expect(env.deadLetters[0]).not.toHaveProperty('exhaustedRetryCondition');
  });

  it('treats a throwing input transform as a failed delivery', async () => {
    const env = setup(() => {}, {
      inputTransform: () => {
        throw failing('InputTransformError', 'bad path');
      },
      retryPolicy: { maximumRetryAttempts: 0 },
    });
    await env.scheduler.runUntilIdle();
    expect(env.calls).toEqual([]);
    expect(env.deadLetters[0]).toMatchObject({ errorCode: 'InputTransformError', attempts: 1 });
  });
});

describe('EventBridge defaults: 185 retries, 24 hours', () => {
  const permanentlyFailing = (random: () => number) =>
    setup(
      () => {
        throw failing();
      },
      {},
      random,
    );

  it('with mid jitter it makes 1 + 185 attempts in under 24 h', async () => {
    const env = permanentlyFailing(() => 0.5);
    await env.scheduler.runUntilIdle();
    expect(env.calls).toHaveLength(186);
    expect(env.deadLetters[0]?.exhaustedRetryCondition).toBe('MaximumRetryAttempts');
    const last = env.calls.at(-1)!.at;
    expect(last).toBeGreaterThan(20 * HOUR);
    expect(last).toBeLessThanOrEqual(24 * HOUR);
  });

  it('with maximal jitter the 24 h age limit comes first', async () => {
    const env = permanentlyFailing(() => 1);
    await env.scheduler.runUntilIdle();
    expect(env.calls.length).toBeLessThan(186);
    expect(env.deadLetters[0]?.exhaustedRetryCondition).toBe('MaximumEventAgeInSeconds');
    expect(env.calls.at(-1)!.at).toBeLessThanOrEqual(24 * HOUR);
  });
});

describe('without a dead-letter queue', () => {
  it('drops the event and records it, as EventBridge does (EventsDropped)', async () => {
    const env = busWith();
    const t = recordingTarget(
      't',
      env.scheduler,
      () => {
        throw failing();
      },
      { retryPolicy: { maximumRetryAttempts: 1 } },
    );
    const { deadLetter: _, ...noDlq } = t.target;
    env.bus.putRule({ name: 'App', pattern: { source: ['app'] }, targets: [noDlq] });
    env.bus.putEvents([entry('app')]);
    await env.scheduler.runUntilIdle();
    expect(env.bus.stats()).toMatchObject({ matched: 1, dropped: 1, deadLettered: 0 });
    expect(env.bus.dropped()).toEqual([
      expect.objectContaining({
        reason: 'NoDeadLetterQueue',
        targetId: 't',
        attempts: 2,
        exhaustedRetryCondition: 'MaximumRetryAttempts',
      }),
    ]);
  });

  it('records a drop when the dead-letter send itself fails', async () => {
    const env = setup(
      () => {
        throw failing();
      },
      {
        retryPolicy: { maximumRetryAttempts: 0 },
        deadLetter: () => {
          throw new Error('DLQ access denied');
        },
      },
    );
    await env.scheduler.runUntilIdle();
    expect(env.bus.dropped()[0]).toMatchObject({
      reason: 'DeadLetterFailed',
      errorMessage: expect.stringContaining('DLQ access denied'),
    });
    expect(env.bus.stats()).toMatchObject({ dropped: 1, deadLettered: 0 });
  });
});
