import { describe, expect, it } from 'vitest';
import { type Json, startExecution } from '#adapters/stepfunctions/asl/state-machines.ts';
import { run } from './fixtures.ts';

// A handler never shares a value with the execution (README, "Copies"): whatever it does to its
// input, or to a result it kept, after the fact, the run and its history stay as the service would
// have them. And a task's promise path stops at once when the run or a sibling branch is cancelled.

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:f';
const chain = (names: string[], extra: Record<string, unknown> = {}) => ({
  StartAt: names[0],
  States: Object.fromEntries(
    names.map((n, i) => [
      n,
      {
        Type: 'Task',
        Resource: LAMBDA,
        ResultPath: `$.${n}`,
        ...extra,
        ...(i === names.length - 1 ? { End: true } : { Next: names[i + 1] }),
      },
    ]),
  ),
});

const texts = (history: { type: string; details?: Readonly<Record<string, unknown>> }[]) =>
  history.map((e) => JSON.stringify(e.details ?? null));

describe('handler isolation', () => {
  it('a handler that changes its input, at once and later, changes neither the run nor its history', async () => {
    const kept: Record<string, Json>[] = [];
    const handler = async (input: Json) => {
      const o = input as Record<string, Json>;
      kept.push(o);
      o.start = 'changed';
      (o.nested as Record<string, Json>).deep = 'changed';
      return { ok: true };
    };
    const r = await run(
      chain(['A', 'B']),
      { start: 1, nested: { deep: 1 } },
      { taskHandlers: { A: handler, B: handler } },
    );
    for (const o of kept) {
      o.start = 'later';
      (o.nested as Record<string, Json>).deep = 'later';
    }
    expect(r.output).toEqual({ start: 1, nested: { deep: 1 }, A: { ok: true }, B: { ok: true } });
    const all = texts(r.history).join('\n');
    expect(all).not.toContain('changed');
    expect(all).not.toContain('later');
  });

  it('a handler that keeps its returned object and changes it afterwards changes neither the run nor its history', async () => {
    const shared = { count: 0, items: [1] };
    const handler = async () => {
      shared.count++;
      shared.items.push(shared.count);
      return shared;
    };
    const r = await run(chain(['A', 'B']), {}, { taskHandlers: { A: handler, B: handler } });
    shared.count = 99;
    shared.items.length = 0;
    expect(r.output).toEqual({ A: { count: 1, items: [1, 1] }, B: { count: 2, items: [1, 1, 2] } });
    const all = texts(r.history).join('\n');
    expect(all).toContain('{\\"count\\":1,\\"items\\":[1,1]}');
    expect(all).not.toContain('99');
  });

  it('an object taken from the state by Parameters reaches the handler as a copy', async () => {
    const handler = async (input: Json) => {
      ((input as Record<string, Json>).part as Record<string, Json>).x = 'changed';
      return 1;
    };
    const r = await run(
      chain(['A'], { Parameters: { 'part.$': '$.part' } }),
      { part: { x: 1 } },
      { taskHandlers: { A: handler } },
    );
    expect(r.output).toEqual({ part: { x: 1 }, A: 1 });
    expect(texts(r.history).join('\n')).not.toContain('changed');
  });

  it('stop() ends a run whose top-level task handler never settles', async () => {
    const handle = startExecution(chain(['A']), {}, { taskHandlers: { A: () => new Promise(() => {}) } });
    await new Promise((r) => setImmediate(r));
    handle.stop('Halt', 'by test');
    const r = await handle.result;
    expect(r.status).toBe('ABORTED');
    expect(r.history.map((e) => e.type).slice(-1)).toEqual(['ExecutionAborted']);
  });

  it('stop() during a top-level handler aborts its signal, and its late result changes nothing', async () => {
    let finish: (v: unknown) => void = () => {};
    let signal: AbortSignal | undefined;
    const handle = startExecution(
      chain(['A', 'B']),
      {},
      {
        taskHandlers: {
          A: (_input, ctx) => {
            signal = ctx.signal;
            return new Promise((resolve) => {
              finish = resolve;
            });
          },
          B: async () => 'never',
        },
      },
    );
    await new Promise((r) => setImmediate(r));
    handle.stop('Halt', 'by test');
    expect(signal?.aborted).toBe(true);
    finish({ late: true });
    await new Promise((r) => setImmediate(r));
    const r = await handle.result;
    expect(r.status).toBe('ABORTED');
    const types = handle.history().map((e) => e.type);
    expect(types.slice(-1)).toEqual(['ExecutionAborted']);
    expect(types).not.toContain('LambdaFunctionSucceeded');
  });

  it('a Parallel branch whose handler never settles is cancelled at once when its sibling fails', async () => {
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'Hang', States: { Hang: { Type: 'Task', Resource: LAMBDA, End: true } } },
            { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Boom', Cause: 'sibling' } } },
          ],
        },
      },
    };
    const r = await run(def, {}, { taskHandlers: { Hang: () => new Promise(() => {}) } });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('Boom');
  });
});
