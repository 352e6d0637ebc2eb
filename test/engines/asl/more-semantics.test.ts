import { describe, expect, it } from 'vitest';
import { type ExecutionHandle, PENDING, startExecution } from '#adapters/stepfunctions/asl/state-machines.ts';
import { at, fixedNow, lambdaError, run, single } from './fixtures.ts';

describe('heartbeats sent through the execution handle', () => {
  // Branch A waits on a callback with HeartbeatSeconds 10; branch B, 8 s later, heartbeats A through
  // the handle, and 8 s after that completes it. Without that heartbeat A would time out at 10 s.
  const def = {
    StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'A',
            States: {
              A: {
                Type: 'Task',
                Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
                HeartbeatSeconds: 10,
                TimeoutSeconds: 60,
                End: true,
              },
            },
          },
          {
            StartAt: 'W1',
            States: {
              W1: { Type: 'Wait', Seconds: 8, Next: 'Beat' },
              Beat: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'W2' },
              W2: { Type: 'Wait', Seconds: 8, Next: 'Done' },
              Done: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
            },
          },
        ],
        End: true,
      },
    },
  };
  const start = (heartbeatFromB: boolean) => {
    let token = '';
    const handle: ExecutionHandle = startExecution(
      def,
      {},
      {
        now: fixedNow,
        taskHandlers: {
          A: (_i, ctx) => {
            token = ctx.taskToken as string;
            return PENDING;
          },
          Beat: async () => heartbeatFromB && handle.sendTaskHeartbeat(token).isOk(),
          Done: async () => handle.sendTaskSuccess(token, 'approved').isOk(),
        },
      },
    );
    return handle;
  };

  it('a heartbeat keeps the callback alive past HeartbeatSeconds', async () => {
    const r = await start(true).result;
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual(['approved', true]);
    expect(at(r.history, 'ExecutionSucceeded')).toBe(16_000);
  });

  it('without it the callback fails with States.HeartbeatTimeout after 10 s', async () => {
    const r = await start(false).result;
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(at(r.history, 'ExecutionFailed')).toBe(10_000);
  });
});

describe('more state semantics', () => {
  it('Wait: Timestamp, TimestampPath (a past time does not wait) and SecondsPath', async () => {
    const ts = await run(single({ Type: 'Wait', Timestamp: '2026-01-01T00:01:00Z', End: true }));
    expect(at(ts.history, 'WaitStateExited')).toBe(60_000);
    const past = await run(single({ Type: 'Wait', TimestampPath: '$.t', End: true }), { t: '2020-01-01T00:00:00Z' });
    expect(at(past.history, 'WaitStateExited')).toBe(0);
    const path = await run(single({ Type: 'Wait', SecondsPath: '$.s', End: true }), { s: 7 });
    expect(at(path.history, 'WaitStateExited')).toBe(7000);
    expect((await run(single({ Type: 'Wait', SecondsPath: '$.s', End: true }), { s: 'x' })).error).toBe(
      'States.Runtime',
    );
  });

  it('a Parallel state is retried as a whole', async () => {
    let calls = 0;
    const def = single({
      Type: 'Parallel',
      Branches: [
        { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } },
      ],
      Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 2 }],
      End: true,
    });
    const r = await run(
      def,
      {},
      {
        taskHandlers: {
          T: async () => {
            if (++calls < 3) throw lambdaError('Flaky', 'try again');
            return 'ok';
          },
        },
      },
    );
    expect(r.output).toEqual(['ok']);
    expect(calls).toBe(3);
    expect(at(r.history, 'ExecutionSucceeded')).toBe(6000);
  });

  it('MaxConcurrencyPath reads the limit from the input', async () => {
    const def = single({
      Type: 'Map',
      MaxConcurrencyPath: '$.max',
      ItemsPath: '$.xs',
      ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } },
      End: true,
    });
    const r = await run(def, { max: 2, xs: [1, 2, 3, 4] });
    expect(at(r.history, 'MapStateExited')).toBe(20_000);
  });

  it('reports ItemReader, ItemBatcher and ResultWriter as unsupported at run time', async () => {
    const def = single({
      Type: 'Map',
      ItemBatcher: { MaxItemsPerBatch: 2 },
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
        StartAt: 'P',
        States: { P: { Type: 'Pass', End: true } },
      },
      End: true,
    });
    const r = await run(def, [1, 2]);
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain('ItemBatcher is not supported');
  });

  it('JSONPath: variables in Choice Variable, intrinsic arguments and Catch Assign', async () => {
    const def = {
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { limit: 10, who: 'ops' }, Next: 'Check' },
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$.n', NumericGreaterThanPath: '$limit', Next: 'Big' }],
          Default: 'T',
        },
        Big: { Type: 'Pass', Parameters: { 'msg.$': "States.Format('{} over {}', $who, $limit)" }, End: true },
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Catch: [
            { ErrorEquals: ['States.ALL'], Assign: { 'failed.$': '$.Error' }, ResultPath: '$.err', Next: 'After' },
          ],
          End: true,
        },
        After: { Type: 'Pass', Parameters: { 'failed.$': '$failed', 'err.$': '$.err.Cause' }, End: true },
      },
    };
    expect((await run(def, { n: 11 })).output).toEqual({ msg: 'ops over 10' });
    const caught = await run(
      def,
      { n: 1 },
      { taskHandlers: { T: async () => Promise.reject(lambdaError('Nope', 'no way')) } },
    );
    expect(caught.output).toEqual({ failed: 'Nope', err: 'no way' });
  });

  it('JSONata: a boolean literal Condition and per-state JSONata inside a JSONPath Map', async () => {
    const def = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', QueryLanguage: 'JSONata', Choices: [{ Condition: true, Next: 'M' }] },
        M: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'J',
            States: { J: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input * 10 %}', End: true } },
          },
          End: true,
        },
      },
    };
    expect((await run(def, [1, 2])).output).toEqual([10, 20]);
  });

  it('activities get a token; their handler may answer or leave the task to the caller', async () => {
    const def = single({
      Type: 'Task',
      Resource: 'arn:aws:states:us-east-1:123456789012:activity:approve',
      TimeoutSeconds: 30,
      End: true,
    });
    const answered = await run(
      def,
      { a: 1 },
      { taskHandlers: { S: async (i, ctx) => ({ i, hasToken: typeof ctx.taskToken === 'string' }) } },
    );
    expect(answered.output).toEqual({ i: { a: 1 }, hasToken: true });
    expect(answered.history.map((e) => e.type)).toContain('ActivitySucceeded');
    const left = await run(def, {}, { taskHandlers: { S: () => PENDING } });
    expect(left).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
  });
});
