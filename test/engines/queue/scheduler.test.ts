import { describe, expect, it } from 'vitest';
import { createRealScheduler } from '#adapters/memory/engines/scheduler.ts';
import { createVirtualScheduler } from '#adapters/memory/engines/scheduler.virtual.ts';

describe('virtual scheduler', () => {
  it('fires timers in due-time order, then in scheduling order, advancing the clock to each', async () => {
    const s = createVirtualScheduler(1000);
    const fired: Array<[string, number]> = [];
    const at = (label: string) => () => fired.push([label, s.now()]);
    s.schedule(500, at('c'));
    s.schedule(100, at('a'));
    s.schedule(500, at('d'));
    s.schedule(100, at('b'));
    const report = (await s.runUntilIdle())._unsafeUnwrap();
    expect(fired).toEqual([
      ['a', 1100],
      ['b', 1100],
      ['c', 1500],
      ['d', 1500],
    ]);
    expect(report).toEqual({ steps: 4, now: 1500 });
  });

  it.each([
    [false, ['a reads 0', 'a writes 1', 'b reads 1', 'b writes 2']],
    [true, ['a reads 0', 'b reads 0', 'a writes 1', 'b writes 1']],
  ])('interleave %s: the async work of timers due at one instant runs %s', async (interleave, expected) => {
    const s = createVirtualScheduler(0, { interleave });
    let shared = 0;
    const log: string[] = [];
    // A read, an await, a write: the shape of load → decide → save that loses an optimistic race when interleaved.
    const worker = (name: string) => async () => {
      const seen = shared;
      log.push(`${name} reads ${seen}`);
      await Promise.resolve();
      shared = seen + 1;
      log.push(`${name} writes ${shared}`);
    };
    s.schedule(10, worker('a'));
    s.schedule(10, worker('b'));
    (await s.runUntilIdle())._unsafeUnwrap();
    expect(log).toEqual(expected);
  });

  it('interleaving fires only timers already due, so a zero-delay loop still yields to settling', async () => {
    const s = createVirtualScheduler(0, { interleave: true });
    let ticks = 0;
    const loop = () => {
      if (++ticks < 100) s.schedule(0, loop);
    };
    s.schedule(0, loop);
    const report = (await s.runUntilIdle())._unsafeUnwrap();
    expect(report.steps).toBe(100);
    expect(ticks).toBe(100);
  });

  it('takes no wall-clock time for a day of virtual delays', async () => {
    const s = createVirtualScheduler();
    let done = false;
    s.schedule(86_400_000, () => {
      done = true;
    });
    const started = Date.now();
    await s.runUntilIdle();
    expect(done).toBe(true);
    expect(s.now()).toBe(86_400_000);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('does not fire a cancelled timer', async () => {
    const s = createVirtualScheduler();
    let fired = false;
    const cancel = s.schedule(10, () => {
      fired = true;
    });
    cancel();
    cancel();
    expect(s.pendingTimers()).toBe(0);
    await s.runUntilIdle();
    expect(fired).toBe(false);
  });

  it('waits for tracked work that itself sleeps in virtual time', async () => {
    const s = createVirtualScheduler();
    const sleep = (ms: number) => new Promise<void>((resolve) => s.schedule(ms, resolve));
    const log: string[] = [];
    s.track(
      (async () => {
        await sleep(1000);
        log.push(`slept@${s.now()}`);
        await sleep(2000);
        log.push(`slept@${s.now()}`);
      })(),
    );
    (await s.runUntilIdle())._unsafeUnwrap();
    expect(log).toEqual(['slept@1000', 'slept@3000']);
    expect(s.inFlight()).toBe(0);
  });

  it('returns StepLimitExceeded instead of looping forever on a self-rescheduling timer', async () => {
    const s = createVirtualScheduler();
    const tick = () => {
      s.schedule(1, tick);
    };
    s.schedule(0, tick);
    const report = await s.runUntilIdle({ maxSteps: 50 });
    expect(report._unsafeUnwrapErr()).toMatchObject({ kind: 'StepLimitExceeded', steps: 50, pendingTimers: 1 });
  });

  it('reports callbacks that throw or reject', async () => {
    const s = createVirtualScheduler();
    s.schedule(1, () => {
      throw new Error('boom');
    });
    s.schedule(2, async () => {
      throw new Error('async boom');
    });
    const report = await s.runUntilIdle();
    const error = report._unsafeUnwrapErr();
    expect(error.kind).toBe('TimerCallbackFailed');
    expect(error.kind === 'TimerCallbackFailed' && error.errors.map((e) => (e as Error).message)).toEqual([
      'boom',
      'async boom',
    ]);
  });

  it('advanceBy fires only what is due and moves the clock exactly', async () => {
    const s = createVirtualScheduler();
    const fired: number[] = [];
    s.schedule(100, () => fired.push(100));
    s.schedule(300, () => fired.push(300));
    (await s.advanceBy(200))._unsafeUnwrap();
    expect(fired).toEqual([100]);
    expect(s.now()).toBe(200);
    expect(s.pendingTimers()).toBe(1);
    await s.idle();
    expect(fired).toEqual([100, 300]);
  });
});

describe('real scheduler', () => {
  it('idle() waits for timers and the tracked work they start', async () => {
    const s = createRealScheduler();
    const log: string[] = [];
    s.schedule(5, async () => {
      await new Promise((r) => setTimeout(r, 5));
      log.push('timer work');
      s.schedule(5, () => log.push('follow-up'));
    });
    s.track(new Promise<void>((r) => setTimeout(r, 3)).then(() => log.push('tracked')));
    await s.idle();
    expect(log).toEqual(['tracked', 'timer work', 'follow-up']);
  });

  it('idle() resolves at once when nothing is pending, and cancelled timers do not hold it', async () => {
    const s = createRealScheduler();
    const cancel = s.schedule(60_000, () => {});
    cancel();
    await s.idle();
    expect(s.failures()).toEqual([]);
  });

  it('records a throwing callback as a failure', async () => {
    const s = createRealScheduler();
    s.schedule(1, () => {
      throw new Error('bug');
    });
    await s.idle();
    expect(s.failures()).toHaveLength(1);
  });
});
