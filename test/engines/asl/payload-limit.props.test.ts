import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import type { Json } from '#adapters/stepfunctions/asl/state-machines.ts';
import { run } from './fixtures.ts';

// The 256 KiB quota on state outputs is checked without serialising every output: the interpreter
// carries an upper bound of the current value's size and measures exactly only when the bound
// goes over the quota. This property runs chains of Tasks whose results are placed by ResultPath
// into inputs that start right under the quota, and compares with the rule measured the slow way:
// the first state whose output's UTF-8 JSON text exceeds 262,144 bytes fails the execution with
// States.DataLimitExceeded; otherwise the output is what ResultPath builds.

const LIMIT = 262_144;
type Obj = { [k: string]: Json };

type Step = { resultPath: string | null | undefined; result: Json; outputPath?: string };

const chunk = fc
  .tuple(fc.constantFrom('a', 'é', '€', '😀', '"', '\u0001'), fc.integer({ min: 0, max: 400 }))
  .map(([c, n]) => c.repeat(n));
const result: fc.Arbitrary<Json> = fc.oneof(
  chunk,
  fc.record({ s: chunk, n: fc.integer() }),
  fc.array(chunk, { maxLength: 3 }),
  fc.constant(null),
);
const step: fc.Arbitrary<Step> = fc.record(
  {
    resultPath: fc.constantFrom<string | null | undefined>('$.a', '$.b.c', '$.pad', '$.list[0]', '$', null, undefined),
    result,
    outputPath: fc.constantFrom('$', '$.b'),
  },
  { requiredKeys: ['resultPath', 'result'] },
);

const bytes = (v: Json) => Buffer.byteLength(JSON.stringify(v));

/** ResultPath as the spec defines it, for the paths generated above; undefined when it cannot apply. */
const place = (path: string | null | undefined, input: Json, value: Json): Json | undefined => {
  if (path === undefined || path === '$') return value;
  if (path === null) return input;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const obj = input as Obj;
  if (path === '$.b.c') {
    const b = obj.b ?? {};
    if (typeof b !== 'object' || b === null || Array.isArray(b)) return undefined;
    return { ...obj, b: { ...b, c: value } };
  }
  if (path === '$.list[0]') {
    const list = obj.list;
    if (!Array.isArray(list) || list.length === 0) return undefined;
    return { ...obj, list: [value, ...list.slice(1)] };
  }
  return { ...obj, [path.slice(2)]: value };
};

type Expected = { status: 'SUCCEEDED'; output: Json } | { status: 'FAILED'; error: string; state: string };

const model = (input: Json, steps: Step[]): Expected => {
  let value = input;
  for (const [i, s] of steps.entries()) {
    if (bytes(s.result) > LIMIT) return { status: 'FAILED', error: 'States.DataLimitExceeded', state: `T${i}` };
    const placed = place(s.resultPath, value, s.result);
    if (placed === undefined) return { status: 'FAILED', error: 'States.ResultPathMatchFailure', state: `T${i}` };
    let out: Json | undefined = placed;
    if (s.outputPath === '$.b')
      out = typeof placed === 'object' && placed !== null && !Array.isArray(placed) ? placed.b : undefined;
    if (out === undefined) return { status: 'FAILED', error: 'States.Runtime', state: `T${i}` };
    if (bytes(out) > LIMIT) return { status: 'FAILED', error: 'States.DataLimitExceeded', state: `T${i}` };
    value = out;
  }
  return { status: 'SUCCEEDED', output: value };
};

test.prop(
  [fc.array(step, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 3000 }), fc.constantFrom('a', 'é', '😀')],
  { numRuns: 150 },
)('state outputs over 256 KiB fail exactly where measuring every output says', async (steps, margin, padChar) => {
  const per = Buffer.byteLength(padChar);
  const pad = padChar.repeat(Math.max(0, Math.floor((LIMIT - margin - 60) / per)));
  const input: Obj = { pad, list: ['x'], b: {} };
  const definition = {
    StartAt: 'T0',
    States: Object.fromEntries(
      steps.map((s, i) => [
        `T${i}`,
        {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f',
          ...(s.resultPath === undefined ? {} : { ResultPath: s.resultPath }),
          ...(s.outputPath === undefined ? {} : { OutputPath: s.outputPath }),
          ...(i === steps.length - 1 ? { End: true } : { Next: `T${i + 1}` }),
        },
      ]),
    ),
  };
  const taskHandlers = Object.fromEntries(steps.map((s, i) => [`T${i}`, async () => s.result]));
  const expected = model(input, steps);
  const r = await run(definition, input, { taskHandlers });
  if (expected.status === 'SUCCEEDED') {
    expect(r.status, `${r.error} ${r.cause}`).toBe('SUCCEEDED');
    expect(r.output).toEqual(expected.output);
  } else {
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe(expected.error);
    // The ResultPathMatchFailure cause names the path, not the state.
    if (expected.error !== 'States.ResultPathMatchFailure') expect(r.cause ?? '').toContain(`'${expected.state}'`);
  }
});
