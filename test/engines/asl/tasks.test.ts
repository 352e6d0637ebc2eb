import { describe, expect, it } from 'vitest';
import {
  PENDING,
  startExecution,
  type TaskContext,
  waitForCallback,
} from '#adapters/stepfunctions/asl/state-machines.ts';
import { at, fixedNow, lambdaError, run, single, types } from './fixtures.ts';

const CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
const callbackTask = (extra: Record<string, unknown> = {}) =>
  single({ Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' }, End: true, ...extra });

/** Starts an execution whose callback task stays open; resolves with the handle and the token. */
const openCallback = async (extra: Record<string, unknown> = {}) => {
  let resolveToken: (t: string) => void = () => {};
  const token = new Promise<string>((r) => {
    resolveToken = r;
  });
  const handle = startExecution(
    callbackTask(extra),
    { order: 1 },
    {
      now: fixedNow,
      taskHandlers: {
        S: (input, ctx) => {
          expect(input).toEqual({ token: ctx.taskToken });
          resolveToken(ctx.taskToken as string);
          return PENDING;
        },
      },
    },
  );
  return { handle, token: await token };
};

describe('Task handlers', () => {
  it('are found by state name first, then by Resource ARN (with or without the integration suffix)', async () => {
    const def = {
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'B' },
        B: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'C' },
        C: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true },
      },
    };
    const r = await run(def, [], {
      taskHandlers: {
        A: async (i) => [...(i as string[]), 'A by name'],
        'arn:aws:states:::lambda:invoke': async (i) => [...(i as string[]), 'B by arn'],
        'arn:aws:states:::sqs:sendMessage': async (i) => [...(i as string[]), 'C by bare arn'],
      },
    });
    expect(r.output).toEqual(['A by name', 'B by arn', 'C by bare arn']);
  });

  it('see changes to the handlers object between runs of the same definition', async () => {
    const arn = 'arn:aws:states:::lambda:invoke';
    const def = {
      StartAt: 'toString',
      States: {
        toString: { Type: 'Task', Resource: arn, Next: 'B' },
        B: { Type: 'Task', Resource: arn, End: true },
      },
    };
    const tag =
      (label: string) =>
      async (i: unknown): Promise<string[]> => [...(i as string[]), label];
    const handlers: Record<string, (i: unknown) => Promise<string[]>> = { [arn]: tag('arn 1') };
    // A state named like an Object.prototype member finds the resource's handler, run after run.
    expect((await run(def, [], { taskHandlers: handlers })).output).toEqual(['arn 1', 'arn 1']);
    handlers.B = tag('B');
    expect((await run(def, [], { taskHandlers: handlers })).output).toEqual(['arn 1', 'B']);
    delete handlers.B;
    handlers[arn] = tag('arn 2');
    expect((await run(def, [], { taskHandlers: handlers })).output).toEqual(['arn 2', 'arn 2']);
    const withOwnToString = { ...handlers, toString: tag('own toString') };
    expect((await run(def, [], { taskHandlers: withOwnToString })).output).toEqual(['own toString', 'arn 2']);
    // Found by the bare resource, then a handler for the whole resource (which comes first) is added.
    const callback = { StartAt: 'C', States: { C: { Type: 'Task', Resource: `${arn}.waitForTaskToken`, End: true } } };
    const byBare: Record<string, (i: unknown) => Promise<string[]>> = { [arn]: tag('bare') };
    expect((await run(callback, [], { taskHandlers: byBare })).output).toEqual(['bare']);
    byBare[`${arn}.waitForTaskToken`] = tag('whole');
    expect((await run(callback, [], { taskHandlers: byBare })).output).toEqual(['whole']);
  });

  it('a thrown Error named N with message M fails the task with Error N and Cause M', async () => {
    const r = await run(
      single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true }),
      {},
      {
        taskHandlers: { S: async () => Promise.reject(lambdaError('PaymentDeclined', 'card expired')) },
      },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'PaymentDeclined', cause: 'card expired' });
    expect(types(r.history)).toContain('TaskFailed');
  });

  it('a resource without a handler fails with States.TaskFailed (catchable)', async () => {
    const r = await run(single({ Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', End: true }));
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(r.cause).toContain("No local handler for resource 'arn:aws:states:::dynamodb:putItem'");
  });

  it('records Task events for integrations and LambdaFunction events for Lambda ARNs', async () => {
    const integration = await run(
      single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true }),
      {},
      { taskHandlers: { S: async () => 1 } },
    );
    expect(types(integration.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(integration.history[2]?.details).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'us-east-1',
      parameters: '{}',
    });
    const lambda = await run(
      single({ Type: 'Task', Resource: 'arn:aws:lambda:eu-west-1:1:function:f', End: true }),
      {},
      { taskHandlers: { S: async () => 1 } },
    );
    expect(types(lambda.history)).toContain('LambdaFunctionSucceeded');
  });

  it('a handler return value that is not JSON fails with States.Runtime', async () => {
    const r = await run(
      single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true }),
      {},
      { taskHandlers: { S: async () => BigInt(1) } },
    );
    expect(r.error).toBe('States.Runtime');
  });

  it('returning PENDING from a non-callback resource is an error', async () => {
    const r = await run(
      single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true }),
      {},
      { taskHandlers: { S: waitForCallback } },
    );
    expect(r.error).toBe('States.Runtime');
  });
});

describe('Task timeouts and heartbeats', () => {
  const sleeper = (seconds: number) => async (_: unknown, ctx: TaskContext) => {
    await ctx.sleep(seconds);
    return 'slept';
  };

  it('TimeoutSeconds fails a slow task with States.Timeout at the right time', async () => {
    const r = await run(
      single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 30, End: true }),
      {},
      { taskHandlers: { S: sleeper(60) } },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(at(r.history, 'TaskTimedOut')).toBe(30_000);
  });

  it('TimeoutSecondsPath reads the timeout from the input', async () => {
    const def = single({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      TimeoutSecondsPath: '$.t',
      End: true,
    });
    expect((await run(def, { t: 100 }, { taskHandlers: { S: sleeper(60) } })).output).toBe('slept');
    expect((await run(def, { t: 10 }, { taskHandlers: { S: sleeper(60) } })).error).toBe('States.Timeout');
    expect((await run(def, { t: -1 }, { taskHandlers: { S: sleeper(1) } })).error).toBe('States.Runtime');
  });

  it('heartbeats extend the task; missing one fails with States.HeartbeatTimeout', async () => {
    const def = single({ Type: 'Task', Resource: CALLBACK, HeartbeatSeconds: 10, TimeoutSeconds: 100, End: true });
    const beating = async (_: unknown, ctx: TaskContext) => {
      for (let i = 0; i < 5; i++) {
        await ctx.sleep(8);
        ctx.heartbeat();
      }
      return 'finished';
    };
    const ok = await run(def, {}, { taskHandlers: { S: beating } });
    expect(ok.output).toBe('finished');
    expect(at(ok.history, 'TaskSucceeded')).toBe(40_000);
    const silent = await run(def, {}, { taskHandlers: { S: sleeper(15) } });
    expect(silent).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(at(silent.history, 'TaskTimedOut')).toBe(10_000);
  });
});

describe('task tokens', () => {
  it('SendTaskSuccess completes the task with the given output', async () => {
    const { handle, token } = await openCallback();
    expect(handle.sendTaskSuccess(token, { approved: true }).isOk()).toBe(true);
    const r = await handle.result;
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { approved: true } });
    expect(types(r.history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('SendTaskFailure fails it with the given error and cause', async () => {
    const { handle, token } = await openCallback();
    handle.sendTaskFailure(token, 'Rejected', 'by manager');
    expect(await handle.result).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'by manager' });
  });

  it('SendTaskHeartbeat keeps a task alive past its HeartbeatSeconds', async () => {
    const { handle, token } = await openCallback({ HeartbeatSeconds: 5 });
    expect(handle.sendTaskHeartbeat(token).isOk()).toBe(true);
    handle.sendTaskSuccess(token, 'ok');
    expect((await handle.result).output).toBe('ok');
  });

  it('answers unknown, malformed, finished and timed-out tokens with the API errors', async () => {
    const { handle, token } = await openCallback();
    expect(handle.sendTaskSuccess('garbage', 1)._unsafeUnwrapErr().kind).toBe('InvalidToken');
    expect(handle.sendTaskSuccess(`${token.slice(0, 14)}AAAA`, 1)._unsafeUnwrapErr().kind).toBe('TaskDoesNotExist');
    expect(handle.sendTaskSuccess(token, 10n)._unsafeUnwrapErr().kind).toBe('InvalidOutput');
    handle.sendTaskSuccess(token, 'done');
    await handle.result;
    expect(handle.sendTaskSuccess(token, 1)._unsafeUnwrapErr().kind).toBe('TaskDoesNotExist');
    expect(handle.sendTaskHeartbeat(token)._unsafeUnwrapErr().kind).toBe('TaskDoesNotExist');

    const timed = await openCallback({ TimeoutSeconds: 5 });
    const r = await timed.handle.result;
    expect(r.error).toBe('States.Timeout');
    expect(timed.handle.sendTaskSuccess(timed.token, 1)._unsafeUnwrapErr().kind).toBe('TaskTimedOut');
  });

  it('a callback handler may answer itself: its return value is SendTaskSuccess, its throw SendTaskFailure', async () => {
    const ok = await run(callbackTask(), {}, { taskHandlers: { S: async (i) => ({ got: i }) } });
    expect(ok.output).toEqual({ got: { token: expect.any(String) } });
    const ko = await run(
      callbackTask(),
      {},
      { taskHandlers: { S: async () => Promise.reject(lambdaError('No', 'nope')) } },
    );
    expect(ko).toMatchObject({ error: 'No', cause: 'nope' });
  });
});

describe('execution lifecycle', () => {
  it('stop() aborts the execution, records ExecutionAborted and closes open tokens', async () => {
    const { handle, token } = await openCallback();
    handle.stop('Operator', 'manual stop');
    const r = await handle.result;
    expect(r).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'manual stop' });
    expect(types(r.history).at(-1)).toBe('ExecutionAborted');
    expect(handle.sendTaskSuccess(token, 1)._unsafeUnwrapErr().kind).toBe('TaskDoesNotExist');
    expect(handle.history()).toEqual(r.history);
  });

  it('state machine TimeoutSeconds ends the execution TIMED_OUT', async () => {
    const def = { TimeoutSeconds: 60, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } };
    const r = await run(def);
    expect(r).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(at(r.history, 'ExecutionTimedOut')).toBe(60_000);
  });

  it('an Express execution times out after five minutes', async () => {
    const def = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 600, End: true } } };
    expect((await run(def, {}, { type: 'EXPRESS' })).status).toBe('TIMED_OUT');
    expect((await run(def)).status).toBe('SUCCEEDED');
  });

  it('rejects an invalid definition or input with a FAILED result instead of throwing', async () => {
    expect(await run({ StartAt: 'X', States: {} })).toMatchObject({
      status: 'FAILED',
      error: 'InvalidDefinition',
      history: [],
    });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await run(single({ Type: 'Pass', End: true }), cyclic)).toMatchObject({
      status: 'FAILED',
      error: 'InvalidExecutionInput',
    });
    expect(await run(single({ Type: 'Pass', End: true }), 'x'.repeat(262_144))).toMatchObject({
      error: 'InvalidExecutionInput',
    });
  });

  it('uses real time when waitTimeScale > 0', async () => {
    const started = Date.now();
    const r = await run(single({ Type: 'Wait', Seconds: 2, End: true }), {}, { waitTimeScale: 0.01, now: Date.now });
    expect(r.status).toBe('SUCCEEDED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    const wait = (r.history[2]?.timestamp.getTime() ?? 0) - (r.history[1]?.timestamp.getTime() ?? 0);
    expect(wait).toBeGreaterThanOrEqual(1500);
  });
});
