import { describe, expect, it } from 'vitest';
import type { Json } from '#adapters/stepfunctions/asl/state-machines.ts';
import { failedWith, run, single, succeeded } from './fixtures.ts';

// Input/output processing in the documented order:
// InputPath → Parameters → task → ResultSelector → ResultPath → OutputPath.

describe('JSONPath input and output processing', () => {
  it('applies every step in order, ResultPath writing into the raw input', async () => {
    const seen: Json[] = [];
    const def = single({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      InputPath: '$.order',
      Parameters: { 'id.$': '$.id', 'exec.$': '$$.Execution.Name', fixed: 'f' },
      ResultSelector: { 'total.$': '$.Payload.total', 'all.$': '$.Payload' },
      ResultPath: '$.order.priced',
      OutputPath: '$.order',
      End: true,
    });
    const out = await succeeded(
      def,
      { order: { id: 'o-1', lines: 2 }, other: true },
      {
        context: { Execution: { Name: 'run-1' } },
        taskHandlers: {
          S: async (input) => {
            seen.push(input);
            return { Payload: { total: 42, currency: 'EUR' } };
          },
        },
      },
    );
    expect(seen).toEqual([{ id: 'o-1', exec: 'run-1', fixed: 'f' }]);
    expect(out).toEqual({ id: 'o-1', lines: 2, priced: { total: 42, all: { total: 42, currency: 'EUR' } } });
  });

  it('InputPath and OutputPath null give {}; ResultPath null keeps the input', async () => {
    const seen: Json[] = [];
    const out = await succeeded(
      single({
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        InputPath: null,
        ResultPath: null,
        End: true,
      }),
      { a: 1 },
      {
        taskHandlers: {
          S: async (i) => {
            seen.push(i);
            return 'ignored';
          },
        },
      },
    );
    expect(seen).toEqual([{}]);
    expect(out).toEqual({ a: 1 });
    expect(await succeeded(single({ Type: 'Pass', OutputPath: null, End: true }), { a: 1 })).toEqual({});
    const task = single({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', OutputPath: null, End: true });
    expect(await succeeded(task, { a: 1 }, { taskHandlers: { S: async () => ({ b: 2 }) } })).toEqual({});
  });

  it('Parameters take indefinite paths as arrays, nest templates and build arrays', async () => {
    // `.length` is a property lookup in JSONPath; on an array it finds nothing.
    const r = await failedWith(single({ Type: 'Pass', Parameters: { 'n.$': '$.vals.length' }, End: true }), {
      vals: [1],
    });
    expect(r.error).toBe('States.Runtime');
    const ok = await succeeded(
      single({
        Type: 'Pass',
        Parameters: {
          flagged: true,
          parts: { 'first.$': '$.vals[0]', 'last3.$': '$.vals[3:]' },
          list: [{ 'x.$': '$.vals[1]' }],
        },
        End: true,
      }),
      { vals: [0, 10, 20, 30, 40, 50] },
    );
    expect(ok).toEqual({ flagged: true, parts: { first: 0, last3: [30, 40, 50] }, list: [{ x: 10 }] });
  });

  it('a Parameters path that finds nothing fails with States.Runtime, as the service reports it', async () => {
    const r = await failedWith(single({ Type: 'Pass', Parameters: { 'JobName.$': '$.JobName' }, End: true }), {});
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toBe(
      "An error occurred while executing the state 'S' (entered at the event id #2). The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the input '{}'",
    );
  });

  it('an InputPath or OutputPath that finds nothing fails with States.Runtime', async () => {
    expect((await failedWith(single({ Type: 'Pass', InputPath: '$.x', End: true }), {})).error).toBe('States.Runtime');
    expect((await failedWith(single({ Type: 'Pass', OutputPath: '$.x', End: true }), {})).error).toBe('States.Runtime');
  });

  it('a ResultPath that cannot be applied fails with States.ResultPathMatchFailure', async () => {
    const r = await failedWith(single({ Type: 'Pass', Result: 1, ResultPath: '$.a.b', End: true }), { a: 'text' });
    expect(r.error).toBe('States.ResultPathMatchFailure');
  });

  it('Pass: Result replaces the effective input; Parameters feed ResultPath when there is no Result', async () => {
    expect(
      await succeeded(single({ Type: 'Pass', Result: { r: 1 }, ResultPath: '$.res', End: true }), { a: 1 }),
    ).toEqual({ a: 1, res: { r: 1 } });
    expect(
      await succeeded(single({ Type: 'Pass', Parameters: { 'b.$': '$.a' }, ResultPath: '$.p', End: true }), { a: 1 }),
    ).toEqual({ a: 1, p: { b: 1 } });
    expect(
      await succeeded(single({ Type: 'Pass', InputPath: '$.a', ResultPath: '$.copy', End: true }), { a: { x: 1 } }),
    ).toEqual({ a: { x: 1 }, copy: { x: 1 } });
  });

  it('exposes the context object: Execution, State, StateMachine, Task.Token, Map.Item', async () => {
    const def = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: {
            'token.$': '$$.Task.Token',
            'state.$': '$$.State',
            'sm.$': '$$.StateMachine.Name',
            'input.$': '$$.Execution.Input',
            'start.$': '$$.Execution.StartTime',
          },
          Next: 'M',
        },
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { 'i.$': '$$.Map.Item.Index', 'v.$': '$$.Map.Item.Value', 'ctx.$': '$.ctx' },
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };
    let params: Json = null;
    const out = await succeeded(
      def,
      { q: 1 },
      {
        context: { StateMachine: { Name: 'Orders' } },
        taskHandlers: {
          T: async (input) => {
            params = input;
            return { items: ['a', 'b'], ctx: 'c' };
          },
        },
      },
    );
    expect(params).toMatchObject({
      token: expect.any(String),
      state: { Name: 'T', RetryCount: 0, EnteredTime: '2026-01-01T00:00:00.000Z' },
      sm: 'Orders',
      input: { q: 1 },
      start: '2026-01-01T00:00:00.000Z',
    });
    expect(out).toEqual([
      { i: 0, v: 'a', ctx: 'c' },
      { i: 1, v: 'b', ctx: 'c' },
    ]);
  });

  it('Succeed and Fail states', async () => {
    expect(await succeeded(single({ Type: 'Succeed', InputPath: '$.a', OutputPath: '$.b' }), { a: { b: 2 } })).toBe(2);
    const fail = await run(single({ Type: 'Fail', Error: 'OrderRejected', Cause: 'too big' }));
    expect(fail).toMatchObject({ status: 'FAILED', error: 'OrderRejected', cause: 'too big' });
    const dynamic = await run(single({ Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('code {}', $.c)" }), {
      e: 'E1',
      c: 7,
    });
    expect(dynamic).toMatchObject({ error: 'E1', cause: 'code 7' });
  });
});
