import { describe, expect, it } from 'vitest';
import { at, run, single, types } from './fixtures.ts';

const counterLoop = {
  StartAt: 'Inc',
  States: {
    Inc: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)', 'stop.$': '$.stop' }, Next: 'Check' },
    Check: {
      Type: 'Choice',
      Choices: [{ Variable: '$.n', NumericLessThanPath: '$.stop', Next: 'Inc' }],
      Default: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

describe('execution history', () => {
  it('records the GetExecutionHistory shapes for each state type', async () => {
    const def = {
      StartAt: 'W',
      States: {
        W: { Type: 'Wait', Seconds: 5, Next: 'C' },
        C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'P' }], Default: 'F' },
        P: { Type: 'Pass', End: true },
        F: { Type: 'Fail', Error: 'E', Cause: 'C' },
      },
    };
    const ok = await run(def, { x: 1 });
    expect(types(ok.history)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(ok.history[0]).toMatchObject({
      id: 1,
      previousEventId: 0,
      type: 'ExecutionStarted',
      details: { input: '{"x":1}' },
    });
    expect(ok.history[1]?.details).toEqual({ name: 'W', input: '{"x":1}', inputDetails: { truncated: false } });
    expect(at(ok.history, 'WaitStateExited')).toBe(5000);
    expect(ok.history.at(-1)?.details).toEqual({ output: '{"x":1}', outputDetails: { truncated: false } });
    const ko = await run(def, {});
    expect(types(ko.history).slice(-2)).toEqual(['FailStateEntered', 'ExecutionFailed']);
    expect(ko.history.at(-1)?.details).toEqual({ error: 'E', cause: 'C' });
  });

  it('chains previousEventId within each Parallel branch', async () => {
    const branch = (n: string) => ({ StartAt: n, States: { [n]: { Type: 'Pass', End: true } } });
    const r = await run(single({ Type: 'Parallel', Branches: [branch('A'), branch('B')], End: true }));
    const started = r.history.find((e) => e.type === 'ParallelStateStarted');
    const entered = r.history.filter((e) => e.type === 'PassStateEntered');
    expect(entered.map((e) => e.previousEventId)).toEqual([started?.id, started?.id]);
    const exitedA = r.history.find((e) => e.type === 'PassStateExited' && e.details?.name === 'A');
    expect(exitedA?.previousEventId).toBe(entered[0]?.id);
  });

  it('records assigned variables on the state exit event', async () => {
    const r = await run(single({ Type: 'Pass', Assign: { x: 1, y: 'two' }, End: true }));
    expect(r.history.find((e) => e.type === 'PassStateExited')?.details).toMatchObject({
      assignedVariables: { x: '1', y: '"two"' },
    });
  });
});

describe('quotas', () => {
  it('an execution whose 25,000th event is ExecutionSucceeded succeeds', async () => {
    // 1 start + 4 events per loop + 2 for Done + 1 end = 25,000 with 6,249 loops.
    const r = await run(counterLoop, { n: 0, stop: 6249 });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.history).toHaveLength(25_000);
  });

  it('an execution that needs more than 25,000 events fails at event 25,000', async () => {
    const r = await run(counterLoop, { n: 0, stop: 1_000_000 });
    expect(r).toMatchObject({
      status: 'FAILED',
      error: 'States.Runtime',
      cause: 'The execution reached the maximum number of history events (25000).',
    });
    expect(r.history).toHaveLength(25_000);
    expect(r.history.at(-1)?.type).toBe('ExecutionFailed');
  });

  it('a state output over 256 KiB fails with States.DataLimitExceeded', async () => {
    const def = single({
      Type: 'Map',
      ItemProcessor: {
        StartAt: 'Big',
        States: {
          Big: { Type: 'Pass', Parameters: { 'text.$': "States.Format('{}{}{}{}', $.s, $.s, $.s, $.s)" }, End: true },
        },
      },
      End: true,
    });
    const item = { s: 'x'.repeat(256) };
    expect(
      (
        await run(
          def,
          Array.from({ length: 200 }, () => item),
        )
      ).status,
    ).toBe('SUCCEEDED');
    const r = await run(
      def,
      Array.from({ length: 300 }, () => item),
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('counts bytes as UTF-8', async () => {
    // 90,000 three-byte characters are 270,000 bytes but only 90,000 UTF-16 units.
    const def = single({ Type: 'Pass', Parameters: { 'x.$': "States.Format('{}{}{}', $.s, $.s, $.s)" }, End: true });
    expect((await run(def, { s: '€'.repeat(30_000) })).error).toBe('States.DataLimitExceeded');
    expect((await run(def, { s: 'e'.repeat(30_000) })).status).toBe('SUCCEEDED');
  });
});
