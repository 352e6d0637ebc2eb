import { describe, expect, it } from 'vitest';
import type { TaskContext } from '#adapters/stepfunctions/asl/state-machines.ts';
import { at, lambdaError, run, single, types } from './fixtures.ts';

const processor = (
  states: Record<string, unknown>,
  startAt = Object.keys(states)[0] as string,
  config?: Record<string, unknown>,
) => ({
  StartAt: startAt,
  States: states,
  ...(config === undefined ? {} : { ProcessorConfig: config }),
});
const work = (seconds: number) => ({
  W: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'v.$': '$', s: seconds }, End: true },
});
const sleepy = async (input: unknown, ctx: TaskContext) => {
  const { v, s } = input as { v: unknown; s: number };
  await ctx.sleep(s);
  if (v === 'bad') throw lambdaError('ItemFailed', `item ${String(v)}`);
  return v;
};

describe('Map', () => {
  it('runs the processor per item and returns outputs in item order', async () => {
    const def = single({
      Type: 'Map',
      ItemsPath: '$.xs',
      ItemProcessor: processor({ D: { Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($, $)' }, End: true } }),
      End: true,
    });
    const r = await run(def, { xs: [1, 2, 3] });
    expect(r.output).toEqual([{ doubled: 2 }, { doubled: 4 }, { doubled: 6 }]);
    expect(types(r.history).filter((t) => t.startsWith('MapIteration'))).toEqual([
      'MapIterationStarted',
      'MapIterationStarted',
      'MapIterationStarted',
      'MapIterationSucceeded',
      'MapIterationSucceeded',
      'MapIterationSucceeded',
    ]);
  });

  it('supports the legacy Iterator and Parameters fields', async () => {
    const def = single({
      Type: 'Map',
      Parameters: { 'i.$': '$$.Map.Item.Index' },
      Iterator: processor({ P: { Type: 'Pass', End: true } }),
      End: true,
    });
    expect((await run(def, ['a', 'b'])).output).toEqual([{ i: 0 }, { i: 1 }]);
  });

  it('MaxConcurrency bounds the iterations in flight (0 = unbounded)', async () => {
    const timed = async (max: number) => {
      const def = single({ Type: 'Map', MaxConcurrency: max, ItemProcessor: processor(work(10)), End: true });
      const r = await run(def, [1, 2, 3, 4], { taskHandlers: { W: sleepy } });
      return at(r.history, 'MapStateExited');
    };
    expect(await timed(1)).toBe(40_000);
    expect(await timed(2)).toBe(20_000);
    expect(await timed(0)).toBe(10_000);
  });

  it('an inline iteration failure fails the Map with its error and aborts the others', async () => {
    const def = single({ Type: 'Map', ItemProcessor: processor(work(5)), End: true });
    const r = await run(def, ['ok', 'bad', 'slow'], {
      taskHandlers: {
        W: async (i, ctx) =>
          sleepy(i === null ? i : { ...(i as object), s: (i as { v: string }).v === 'bad' ? 1 : 5 }, ctx),
      },
    });
    expect(r).toMatchObject({ status: 'FAILED', error: 'ItemFailed', cause: 'item bad' });
    expect(types(r.history)).toEqual(
      expect.arrayContaining(['MapIterationFailed', 'MapIterationAborted', 'MapStateFailed']),
    );
    expect(at(r.history, 'ExecutionFailed')).toBe(1000);
  });

  it('a distributed Map tolerates failures up to ToleratedFailureCount/Percentage', async () => {
    const map = (tolerance: Record<string, unknown>) =>
      single({
        Type: 'Map',
        ...tolerance,
        ItemProcessor: processor(work(1), 'W', { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }),
        End: true,
      });
    const items = ['a', 'bad', 'c', 'bad'];
    const tolerated = await run(map({ ToleratedFailureCount: 2 }), items, { taskHandlers: { W: sleepy } });
    expect(tolerated.output).toEqual([
      'a',
      { Error: 'ItemFailed', Cause: 'item bad' },
      'c',
      { Error: 'ItemFailed', Cause: 'item bad' },
    ]);
    const exceeded = await run(map({ ToleratedFailureCount: 1 }), items, { taskHandlers: { W: sleepy } });
    expect(exceeded.error).toBe('States.ExceedToleratedFailureThreshold');
    expect((await run(map({ ToleratedFailurePercentage: 50 }), items, { taskHandlers: { W: sleepy } })).status).toBe(
      'SUCCEEDED',
    );
    expect((await run(map({ ToleratedFailurePercentage: 49 }), items, { taskHandlers: { W: sleepy } })).status).toBe(
      'FAILED',
    );
    expect((await run(map({}), items, { taskHandlers: { W: sleepy } })).error).toBe(
      'States.ExceedToleratedFailureThreshold',
    );
  });

  it('fails when the items are not an array', async () => {
    const r = await run(
      single({
        Type: 'Map',
        ItemsPath: '$.xs',
        ItemProcessor: processor({ P: { Type: 'Pass', End: true } }),
        End: true,
      }),
      { xs: 'nope' },
    );
    expect(r.error).toBe('States.Runtime');
  });

  it('is retried as a whole and can be caught', async () => {
    let calls = 0;
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.xs',
          ItemProcessor: processor(work(0)),
          Retry: [{ ErrorEquals: ['ItemFailed'], MaxAttempts: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Z' }],
          End: true,
        },
        Z: { Type: 'Pass', End: true },
      },
    };
    const r = await run(
      def,
      { xs: ['bad'] },
      {
        taskHandlers: {
          W: async () => {
            calls++;
            throw lambdaError('ItemFailed', 'x');
          },
        },
      },
    );
    expect(calls).toBe(2);
    expect(r.output).toEqual({ xs: ['bad'], error: { Error: 'ItemFailed', Cause: 'x' } });
  });
});

describe('Parallel', () => {
  const branch = (name: string, seconds: number) => ({
    StartAt: name,
    States: {
      [name]: { Type: 'Wait', Seconds: seconds, Next: `${name}Done` },
      [`${name}Done`]: { Type: 'Pass', Result: name, End: true },
    },
  });

  it('runs branches concurrently and returns their outputs in branch order', async () => {
    const r = await run(single({ Type: 'Parallel', Branches: [branch('Slow', 30), branch('Fast', 10)], End: true }));
    expect(r.output).toEqual(['Slow', 'Fast']);
    expect(at(r.history, 'ParallelStateExited')).toBe(30_000);
  });

  it('a failing branch fails the state with the branch error and stops the others', async () => {
    const failing = { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'BranchBroke', Cause: 'why' } } };
    const r = await run(single({ Type: 'Parallel', Branches: [branch('Slow', 30), failing], End: true }));
    expect(r).toMatchObject({ status: 'FAILED', error: 'BranchBroke', cause: 'why' });
    expect(types(r.history)).toContain('ParallelStateFailed');
    expect(types(r.history)).not.toContain('WaitStateExited');
  });

  it('passes Parameters to every branch and applies ResultSelector/ResultPath', async () => {
    const echo = (n: string) => ({ StartAt: n, States: { [n]: { Type: 'Pass', End: true } } });
    const def = single({
      Type: 'Parallel',
      Parameters: { 'x.$': '$.x' },
      Branches: [echo('A'), echo('B')],
      ResultSelector: { 'first.$': '$[0].x', 'count.$': 'States.ArrayLength($)' },
      ResultPath: '$.par',
      End: true,
    });
    expect((await run(def, { x: 7 })).output).toEqual({ x: 7, par: { first: 7, count: 2 } });
  });

  it('Catch on a Parallel catches a branch error', async () => {
    const failing = { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Oops' } } };
    const def = {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [failing], Catch: [{ ErrorEquals: ['Oops'], Next: 'Z' }], End: true },
        Z: { Type: 'Pass', End: true },
      },
    };
    expect((await run(def)).output).toEqual({ Error: 'Oops', Cause: '' });
  });
});

describe('variables across scopes (JSONPath Assign)', () => {
  it('inner scopes read outer variables; an inner Assign does not change the outer value', async () => {
    const def = {
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { greeting: 'hello', count: 1 }, Next: 'M' },
        M: {
          Type: 'Map',
          ItemsPath: '$.xs',
          ItemProcessor: processor({
            Inner: { Type: 'Pass', Assign: { count: 99 }, Next: 'Read' },
            Read: { Type: 'Pass', Parameters: { 'g.$': '$greeting', 'c.$': '$count' }, End: true },
          }),
          ResultPath: '$.inner',
          Next: 'After',
        },
        After: { Type: 'Pass', Parameters: { 'inner.$': '$.inner', 'count.$': '$count' }, End: true },
      },
    };
    expect((await run(def, { xs: [1] })).output).toEqual({ inner: [{ g: 'hello', c: 99 }], count: 1 });
  });

  it('a distributed Map iteration cannot read outer variables', async () => {
    const def = {
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { secret: 1 }, Next: 'M' },
        M: {
          Type: 'Map',
          ItemProcessor: processor({ Read: { Type: 'Pass', Parameters: { 's.$': '$secret' }, End: true } }, 'Read', {
            Mode: 'DISTRIBUTED',
            ExecutionType: 'EXPRESS',
          }),
          End: true,
        },
      },
    };
    expect((await run(def, [1])).status).toBe('FAILED');
  });

  it('Assign values see the state result; the new values are visible from the next state on', async () => {
    const def = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          ResultSelector: { 'selected.$': '$.raw' },
          Assign: { 'fromResult.$': '$.raw', 'old.$': '$x' },
          Next: 'Read',
        },
        Read: { Type: 'Pass', Parameters: { 'r.$': '$fromResult', 'o.$': '$old', 'in.$': '$' }, End: true },
      },
    };
    const first = {
      StartAt: 'Init',
      States: { Init: { Type: 'Pass', Assign: { x: 'before' }, Next: 'T' }, ...def.States },
    };
    const r = await run(first, {}, { taskHandlers: { T: async () => ({ raw: 5 }) } });
    expect(r.output).toEqual({ r: 5, o: 'before', in: { selected: 5 } });
  });
});
