import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Json } from '#adapters/stepfunctions/asl/state-machines.ts';
import { at, lambdaError, run } from './fixtures.ts';

const jsonata = (states: Record<string, unknown>, startAt = Object.keys(states)[0] as string) => ({
  QueryLanguage: 'JSONata',
  StartAt: startAt,
  States: states,
});
const TASK = 'arn:aws:states:::lambda:invoke';

describe('JSONata query language', () => {
  it('evaluates {% %} strings anywhere in Output; other strings stay literal', async () => {
    const def = jsonata({
      P: {
        Type: 'Pass',
        Output: {
          sum: '{% $states.input.a + $states.input.b %}',
          list: ['{% $uppercase("x") %}', 'plain {% not evaluated'],
          lit: 'x',
        },
        End: true,
      },
    });
    expect((await run(def, { a: 1, b: 2 })).output).toEqual({
      sum: 3,
      list: ['X', 'plain {% not evaluated'],
      lit: 'x',
    });
  });

  it('Task: Arguments go to the resource, Output sees $states.result, the default output is the result', async () => {
    let args: Json = null;
    const def = jsonata({
      T: {
        Type: 'Task',
        Resource: TASK,
        Arguments: { id: '{% $states.input.id %}', exec: '{% $states.context.Execution.Name %}' },
        Output: { r: '{% $states.result.v %}', in: '{% $states.input.id %}' },
        Next: 'U',
      },
      U: { Type: 'Task', Resource: TASK, End: true },
    });
    const r = await run(
      def,
      { id: 7 },
      {
        context: { Execution: { Name: 'e1' } },
        taskHandlers: {
          T: async (i) => {
            args = i;
            return { v: 'result' };
          },
          U: async (i) => ({ echoed: i }),
        },
      },
    );
    expect(args).toEqual({ id: 7, exec: 'e1' });
    expect(r.output).toEqual({ echoed: { r: 'result', in: 7 } });
  });

  it('Assign and Output of one state both see the variables as they were on entry', async () => {
    const def = jsonata({
      A: { Type: 'Pass', Assign: { n: 1 }, Next: 'B' },
      B: { Type: 'Pass', Assign: { n: '{% $n + 1 %}', prev: '{% $n %}' }, Output: { seen: '{% $n %}' }, Next: 'C' },
      C: {
        Type: 'Pass',
        Output: { n: '{% $n %}', prev: '{% $prev %}', before: '{% $states.input.seen %}' },
        End: true,
      },
    });
    expect((await run(def)).output).toEqual({ n: 2, prev: 1, before: 1 });
  });

  it('a JSONPath machine can run single states in JSONata, sharing variables', async () => {
    const def = {
      StartAt: 'J',
      States: {
        J: { Type: 'Pass', QueryLanguage: 'JSONata', Assign: { doubled: '{% $states.input.x * 2 %}' }, Next: 'P' },
        P: { Type: 'Pass', Parameters: { 'd.$': '$doubled' }, End: true },
      },
    };
    expect((await run(def, { x: 4 })).output).toEqual({ d: 8 });
  });

  it('Choice uses Condition; a matched rule may set Output and Assign', async () => {
    const def = jsonata({
      C: {
        Type: 'Choice',
        Choices: [
          { Condition: '{% $states.input.n > 10 %}', Next: 'Big', Output: { size: 'big' }, Assign: { flagged: true } },
          { Condition: '{% $states.input.n > 0 %}', Next: 'Small' },
        ],
        Default: 'Small',
      },
      Big: { Type: 'Pass', Output: { out: '{% $states.input %}', flagged: '{% $flagged %}' }, End: true },
      Small: { Type: 'Pass', End: true },
    });
    expect((await run(def, { n: 11 })).output).toEqual({ out: { size: 'big' }, flagged: true });
    expect((await run(def, { n: 3 })).output).toEqual({ n: 3 });
    const notBoolean = jsonata({
      C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n %}', Next: 'S' }] },
      S: { Type: 'Succeed' },
    });
    expect((await run(notBoolean, { n: 1 })).error).toBe('States.QueryEvaluationError');
  });

  it('Map: Items and ItemSelector with $states.context.Map.Item', async () => {
    const def = jsonata({
      M: {
        Type: 'Map',
        Items: '{% $states.input.orders %}',
        ItemSelector: {
          index: '{% $states.context.Map.Item.Index %}',
          id: '{% $states.context.Map.Item.Value.id %}',
          tag: '{% $states.input.tag %}',
        },
        ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        Output: '{% $states.result %}',
        End: true,
      },
    });
    expect((await run(def, { orders: [{ id: 'a' }, { id: 'b' }], tag: 't' })).output).toEqual([
      { index: 0, id: 'a', tag: 't' },
      { index: 1, id: 'b', tag: 't' },
    ]);
  });

  it('Parallel passes Arguments to each branch; inner Assign stays inside its branch', async () => {
    const def = jsonata({
      Init: { Type: 'Pass', Assign: { v: 'outer' }, Next: 'P' },
      P: {
        Type: 'Parallel',
        Arguments: { x: '{% $states.input.x %}' },
        Branches: [
          {
            StartAt: 'A',
            States: {
              A: { Type: 'Pass', Assign: { v: 'inner' }, Next: 'A2' },
              A2: { Type: 'Pass', Output: '{% $v %}', End: true },
            },
          },
          { StartAt: 'B', States: { B: { Type: 'Pass', Output: '{% [$states.input.x, $v] %}', End: true } } },
        ],
        Output: { branches: '{% $states.result %}', after: '{% $v %}' },
        End: true,
      },
    });
    expect((await run(def, { x: 1 })).output).toEqual({ branches: ['inner', [1, 'outer']], after: 'outer' });
  });

  it('Catch: Output and Assign see $states.errorOutput; the default output is the error output', async () => {
    const def = jsonata({
      T: {
        Type: 'Task',
        Resource: TASK,
        Catch: [
          {
            ErrorEquals: ['Boom'],
            Next: 'Handle',
            Output: { err: '{% $states.errorOutput.Error %}', input: '{% $states.input %}' },
            Assign: { why: '{% $states.errorOutput.Cause %}' },
          },
        ],
        End: true,
      },
      Handle: { Type: 'Pass', Output: { caught: '{% $states.input %}', why: '{% $why %}' }, End: true },
    });
    const r = await run(
      def,
      { a: 1 },
      { taskHandlers: { T: async () => Promise.reject(lambdaError('Boom', 'bad input')) } },
    );
    expect(r.output).toEqual({ caught: { err: 'Boom', input: { a: 1 } }, why: 'bad input' });
  });

  it('evaluation errors and undefined results fail with States.QueryEvaluationError, which Catch can handle', async () => {
    const failing = jsonata({ P: { Type: 'Pass', Output: '{% $states.input.missing %}', End: true } });
    const r = await run(failing, {});
    expect(r.error).toBe('States.QueryEvaluationError');
    expect(r.cause).toContain('returned nothing');
    const thrown = jsonata({ P: { Type: 'Pass', Output: '{% $error("custom") %}', End: true } });
    expect((await run(thrown)).error).toBe('States.QueryEvaluationError');
    const caught = jsonata({
      T: {
        Type: 'Task',
        Resource: TASK,
        Arguments: '{% $number("x") + $undefinedFn() %}',
        Catch: [{ ErrorEquals: ['States.QueryEvaluationError'], Next: 'Z' }],
        End: true,
      },
      Z: { Type: 'Pass', End: true },
    });
    expect((await run(caught, {}, { taskHandlers: { T: async () => 1 } })).status).toBe('SUCCEEDED');
  });

  it('provides $partition, $range, $hash, $random, $uuid and $parse, and disables $eval', async () => {
    const def = jsonata({
      P: {
        Type: 'Pass',
        Output: {
          partition: '{% $partition([1,2,3,4,5], 2) %}',
          range: '{% $range(0, 10, 5) %}',
          hash: '{% $hash("abc", "SHA-256") %}',
          random: '{% $random() %}',
          uuid: '{% $uuid() %}',
          parsed: '{% $parse("{\\"a\\":1}") %}',
        },
        End: true,
      },
    });
    const out = (await run(def, {}, { random: () => 0.75 })).output as Record<string, Json>;
    expect(out).toMatchObject({
      partition: [[1, 2], [3, 4], [5]],
      range: [0, 5, 10],
      hash: createHash('sha256').update('abc').digest('hex'),
      random: 0.75,
      parsed: { a: 1 },
    });
    expect(out.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect((await run(jsonata({ P: { Type: 'Pass', Output: '{% $eval("1+1") %}', End: true } }))).error).toBe(
      'States.QueryEvaluationError',
    );
  });

  it('Wait, Fail and Task timeouts accept JSONata', async () => {
    const wait = jsonata({ W: { Type: 'Wait', Seconds: '{% $states.input.s %}', End: true } });
    const r = await run(wait, { s: 42 });
    expect(at(r.history, 'WaitStateExited')).toBe(42_000);
    const fail = jsonata({
      F: { Type: 'Fail', Error: '{% "E_" & $states.input.code %}', Cause: '{% $string($states.input) %}' },
    });
    expect(await run(fail, { code: 7 })).toMatchObject({ error: 'E_7', cause: '{"code":7}' });
    const slow = jsonata({ T: { Type: 'Task', Resource: TASK, TimeoutSeconds: '{% $states.input.t %}', End: true } });
    const timed = await run(
      slow,
      { t: 3 },
      {
        taskHandlers: {
          T: async (_i, ctx) => {
            await ctx.sleep(10);
            return 1;
          },
        },
      },
    );
    expect(timed.error).toBe('States.Timeout');
  });
});
