import { describe, expect, it } from 'vitest';
import type { Json, TaskHandler } from '#adapters/stepfunctions/asl/state-machines.ts';
import { at, lambdaError, run, types } from './fixtures.ts';

const TASK = 'arn:aws:lambda:us-east-1:123456789012:function:work';

/** A handler that throws the listed errors in turn, then returns 'done'. */
const failing = (...names: string[]): TaskHandler => {
  let i = 0;
  return async () => {
    const name = names[i++];
    if (name !== undefined) throw lambdaError(name, `failure ${i}`);
    return 'done';
  };
};

const task = (extra: Record<string, unknown>, next?: Record<string, unknown>) => ({
  StartAt: 'T',
  States: {
    T: { Type: 'Task', Resource: TASK, End: true, ...extra },
    ...next,
  },
});

/** Times (ms after start) at which each attempt was scheduled. */
const attempts = (history: Awaited<ReturnType<typeof run>>['history']) =>
  history.filter((e) => e.type === 'LambdaFunctionScheduled').map((e) => e.timestamp.getTime() - Date.UTC(2026, 0, 1));

describe('Retry', () => {
  it('defaults to IntervalSeconds 1, BackoffRate 2, MaxAttempts 3', async () => {
    const r = await run(
      task({ Retry: [{ ErrorEquals: ['Boom'] }] }),
      {},
      { taskHandlers: { T: failing('Boom', 'Boom', 'Boom', 'Boom') } },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'Boom', cause: 'failure 4' });
    expect(attempts(r.history)).toEqual([0, 1000, 3000, 7000]);
  });

  it('retries until success, then continues with the result', async () => {
    const r = await run(
      task({ Retry: [{ ErrorEquals: ['Boom'], IntervalSeconds: 3, BackoffRate: 1.5 }] }),
      {},
      { taskHandlers: { T: failing('Boom', 'Boom') } },
    );
    expect(r.output).toBe('done');
    expect(attempts(r.history)).toEqual([0, 3000, 7500]);
  });

  it('MaxAttempts 0 never retries', async () => {
    const r = await run(
      task({ Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 0 }] }),
      {},
      { taskHandlers: { T: failing('Boom') } },
    );
    expect(r.status).toBe('FAILED');
    expect(attempts(r.history)).toEqual([0]);
  });

  it('MaxDelaySeconds caps the backoff', async () => {
    const retry = [
      { ErrorEquals: ['States.ALL'], IntervalSeconds: 10, BackoffRate: 3, MaxAttempts: 4, MaxDelaySeconds: 25 },
    ];
    const r = await run(task({ Retry: retry }), {}, { taskHandlers: { T: failing('A', 'A', 'A', 'A') } });
    expect(attempts(r.history)).toEqual([0, 10_000, 35_000, 60_000, 85_000]);
  });

  it('FULL jitter draws each delay in [0, capped delay) from the injected random', async () => {
    const draws = [0.5, 0.25, 0.999];
    let d = 0;
    const random = () => draws[d++ % draws.length] as number;
    const retry = [
      { ErrorEquals: ['A'], IntervalSeconds: 2, BackoffRate: 2, MaxDelaySeconds: 5, JitterStrategy: 'FULL' },
    ];
    const r = await run(task({ Retry: retry }), {}, { random, taskHandlers: { T: failing('A', 'A', 'A') } });
    // Delays: 0.5×2 s, 0.25×4 s, 0.999×min(8, 5) s.
    expect(attempts(r.history)).toEqual([0, 1000, 2000, 6995]);
  });

  it('counts retries per retrier across the errors it matches (the guide example)', async () => {
    const retry = [
      { ErrorEquals: ['ErrorA', 'ErrorB'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 2 },
      { ErrorEquals: ['ErrorC'], IntervalSeconds: 5 },
    ];
    const def = task(
      { Retry: retry, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Z' }] },
      { Z: { Type: 'Pass', End: true } },
    );
    const r = await run(def, {}, { taskHandlers: { T: failing('ErrorA', 'ErrorB', 'ErrorC', 'ErrorB', 'ErrorB') } });
    expect(r.output).toEqual({ Error: 'ErrorB', Cause: 'failure 4' });
    // Waits 1 s, 2 s (first retrier), 5 s (second), then the first retrier is spent for ErrorB.
    expect(attempts(r.history)).toEqual([0, 1000, 3000, 8000]);
  });

  it('increments $$.State.RetryCount and re-evaluates Parameters on each attempt', async () => {
    const seen: Json[] = [];
    const def = task({ Parameters: { 'n.$': '$$.State.RetryCount' }, Retry: [{ ErrorEquals: ['A'] }] });
    await run(
      def,
      {},
      {
        taskHandlers: {
          T: async (input) => {
            seen.push(input);
            if (seen.length < 3) throw lambdaError('A', 'again');
            return 1;
          },
        },
      },
    );
    expect(seen).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
  });
});

describe('Catch', () => {
  const catching = (catchers: unknown[]) =>
    task(
      { Catch: catchers },
      { A: { Type: 'Pass', Result: 'A', End: true }, B: { Type: 'Pass', Result: 'B', End: true } },
    );

  it('takes the first catcher that matches, in order', async () => {
    const def = catching([
      { ErrorEquals: ['Other'], Next: 'A' },
      { ErrorEquals: ['Boom', 'Other2'], Next: 'B' },
      { ErrorEquals: ['States.ALL'], Next: 'A' },
    ]);
    expect((await run(def, {}, { taskHandlers: { T: failing('Boom') } })).output).toBe('B');
    expect((await run(def, {}, { taskHandlers: { T: failing('Unlisted') } })).output).toBe('A');
  });

  it('hands on the error output through the catcher ResultPath (into the raw input) and records TaskStateExited', async () => {
    const def = task(
      { InputPath: '$.x', Catch: [{ ErrorEquals: ['Boom'], ResultPath: '$.error', Next: 'Done' }] },
      { Done: { Type: 'Pass', End: true } },
    );
    const r = await run(def, { x: 1, keep: true }, { taskHandlers: { T: failing('Boom') } });
    expect(r.output).toEqual({ x: 1, keep: true, error: { Error: 'Boom', Cause: 'failure 1' } });
    expect(types(r.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('retries before catching', async () => {
    const def = task(
      { Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 1 }], Catch: [{ ErrorEquals: ['Boom'], Next: 'Z' }] },
      { Z: { Type: 'Pass', End: true } },
    );
    const r = await run(def, {}, { taskHandlers: { T: failing('Boom', 'Boom') } });
    expect(r.output).toEqual({ Error: 'Boom', Cause: 'failure 2' });
    expect(attempts(r.history)).toEqual([0, 1000]);
  });

  it('States.TaskFailed matches everything but timeouts; States.Timeout also matches heartbeat timeouts', async () => {
    const slow: TaskHandler = async (_i, c) => {
      await c.sleep(100);
      return 'late';
    };
    const taskFailed = task(
      { TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Z' }] },
      { Z: { Type: 'Pass', End: true } },
    );
    expect(await run(taskFailed, {}, { taskHandlers: { T: slow } })).toMatchObject({
      status: 'FAILED',
      error: 'States.Timeout',
    });
    expect((await run(taskFailed, {}, { taskHandlers: { T: failing('Custom') } })).status).toBe('SUCCEEDED');
    const heartbeat = task(
      { TimeoutSeconds: 50, HeartbeatSeconds: 5, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Z' }] },
      { Z: { Type: 'Pass', End: true } },
    );
    expect((await run(heartbeat, {}, { taskHandlers: { T: slow } })).output).toEqual({
      Error: 'States.HeartbeatTimeout',
      Cause: '',
    });
  });

  it('never retries nor catches States.Runtime, even with States.ALL', async () => {
    const def = task(
      {
        OutputPath: '$.missing',
        Retry: [{ ErrorEquals: ['States.ALL'] }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Z' }],
      },
      { Z: { Type: 'Pass', End: true } },
    );
    const r = await run(def, {}, { taskHandlers: { T: async () => ({}) } });
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(attempts(r.history)).toEqual([0]);
  });

  it('States.DataLimitExceeded escapes States.ALL but can be caught by name', async () => {
    const big = async () => 'x'.repeat(262_144);
    const all = task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Z' }] }, { Z: { Type: 'Pass', End: true } });
    expect(await run(all, {}, { taskHandlers: { T: big } })).toMatchObject({
      status: 'FAILED',
      error: 'States.DataLimitExceeded',
    });
    const named = task(
      { Catch: [{ ErrorEquals: ['States.DataLimitExceeded'], Next: 'Z' }] },
      { Z: { Type: 'Pass', End: true } },
    );
    expect((await run(named, {}, { taskHandlers: { T: big } })).status).toBe('SUCCEEDED');
  });

  it('the catch delay is recorded: Catch after the last retry happens at the retry time', async () => {
    const def = task(
      {
        Retry: [{ ErrorEquals: ['A'], IntervalSeconds: 7, MaxAttempts: 1 }],
        Catch: [{ ErrorEquals: ['A'], Next: 'Z' }],
      },
      { Z: { Type: 'Pass', End: true } },
    );
    const r = await run(def, {}, { taskHandlers: { T: failing('A', 'A') } });
    expect(at(r.history, 'PassStateEntered')).toBe(7000);
  });
});
