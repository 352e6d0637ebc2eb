import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import type { Json } from '#adapters/stepfunctions/asl/state-machines.ts';
import { run, types } from './fixtures.ts';

// A chain of generated Pass states, run by the interpreter and by a reference model written from
// the spec: InputPath selects, Parameters/Result build the result, ResultPath places it into the
// raw input, OutputPath selects the output.

type Obj = Record<string, Json>;
type Step =
  | { kind: 'identity' }
  | { kind: 'result'; key: string; value: Json }
  | { kind: 'copy'; from: string; to: string }
  | { kind: 'replace'; value: Json }
  | { kind: 'narrow-then-wrap'; key: string }
  | { kind: 'assign-then-read'; key: string }
  | { kind: 'read-variable' };

const KEYS = ['a', 'b', 'c'];
const key = fc.constantFrom(...KEYS);
const small = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.string({ maxLength: 2 }), fc.constant(null));
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ kind: 'identity' as const }),
  fc.record({ kind: fc.constant('result' as const), key, value: small }),
  fc.record({ kind: fc.constant('copy' as const), from: key, to: key }),
  fc.record({ kind: fc.constant('replace' as const), value: fc.dictionary(key, small, { maxKeys: 3 }) }),
  fc.record({ kind: fc.constant('narrow-then-wrap' as const), key }),
  fc.record({ kind: fc.constant('assign-then-read' as const), key }),
  fc.constant({ kind: 'read-variable' as const }),
);

const toState = (s: Step): Record<string, unknown> => {
  switch (s.kind) {
    case 'identity':
      return { Type: 'Pass' };
    case 'result':
      return { Type: 'Pass', Result: s.value, ResultPath: `$.${s.key}` };
    case 'copy':
      return { Type: 'Pass', Parameters: { 'v.$': `$.${s.from}` }, ResultPath: `$.${s.to}`, OutputPath: '$' };
    case 'replace':
      return { Type: 'Pass', Result: s.value };
    case 'narrow-then-wrap':
      return { Type: 'Pass', InputPath: `$.${s.key}`, Parameters: { 'inner.$': '$' }, ResultPath: '$.wrapped' };
    case 'assign-then-read':
      // JSONPath Assign sees the state's result (here the Parameters output), not its input.
      return {
        Type: 'Pass',
        Assign: { 'saved.$': '$.prev' },
        Parameters: { 'prev.$': `$.${s.key}` },
        ResultPath: '$.last',
      };
    case 'read-variable':
      return { Type: 'Pass', Parameters: { 'v.$': '$saved' }, ResultPath: '$.fromVar' };
  }
};

/** Expected output of one step, or undefined when the interpreter must fail (path finds nothing). */
const model = (s: Step, input: Obj, vars: Map<string, Json>): Obj | undefined => {
  switch (s.kind) {
    case 'identity':
      return input;
    case 'result':
      return { ...input, [s.key]: s.value };
    case 'copy':
      return s.from in input ? { ...input, [s.to]: { v: input[s.from] as Json } } : undefined;
    case 'replace':
      return s.value as Obj;
    case 'narrow-then-wrap':
      return s.key in input ? { ...input, wrapped: { inner: input[s.key] as Json } } : undefined;
    case 'assign-then-read':
      if (!(s.key in input)) return undefined;
      vars.set('saved', input[s.key] as Json);
      return { ...input, last: { prev: input[s.key] as Json } };
    case 'read-variable':
      return vars.has('saved') ? { ...input, fromVar: { v: vars.get('saved') as Json } } : undefined;
  }
};

test.prop([fc.array(step, { minLength: 1, maxLength: 12 }), fc.dictionary(key, small, { maxKeys: 3 })], {
  numRuns: 200,
})('a Pass chain produces what the reference model predicts', async (steps, input) => {
  const states: Record<string, unknown> = {};
  steps.forEach((s, i) => {
    states[`S${i}`] = { ...toState(s), ...(i === steps.length - 1 ? { End: true } : { Next: `S${i + 1}` }) };
  });
  const result = await run({ StartAt: 'S0', States: states }, input);
  let expected: Obj | undefined = input;
  let failedAt = -1;
  const vars = new Map<string, Json>();
  for (const [i, s] of steps.entries()) {
    expected = model(s, expected, vars);
    if (expected === undefined) {
      failedAt = i;
      break;
    }
  }
  if (expected === undefined) {
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(types(result.history).filter((t) => t === 'PassStateExited')).toHaveLength(failedAt);
  } else {
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual(expected);
    // Two events per state plus start and end, ids in sequence, each pointing at its predecessor.
    expect(result.history).toHaveLength(steps.length * 2 + 2);
    result.history.forEach((e, i) => {
      expect(e.id).toBe(i + 1);
      expect(e.previousEventId).toBe(i);
    });
  }
});
