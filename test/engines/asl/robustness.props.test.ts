import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { runStateMachine, validateDefinition } from '#adapters/stepfunctions/asl/state-machines.ts';

// The public functions never throw and never reject: bad definitions and inputs become values.

const stateTypes = fc.constantFrom('Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map', 'Nope');
const names = fc.constantFrom('A', 'B', 'C');
const field = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '$',
    '$.a',
    '$$.Execution',
    'States.Format(1)',
    '{% $states.input %}',
    '{% ( %}',
    'arn:aws:states:::lambda:invoke',
  ),
);
const state = fc.record(
  {
    Type: stateTypes,
    Next: names,
    End: fc.boolean(),
    Result: field,
    Parameters: fc.dictionary(fc.constantFrom('a', 'b.$', 'c.$'), field, { maxKeys: 2 }),
    InputPath: field,
    ResultPath: field,
    Resource: field,
    Seconds: field,
    Choices: fc.array(fc.record({ Variable: field, StringEquals: field, Next: names }, { requiredKeys: [] }), {
      maxLength: 2,
    }),
    Branches: fc.array(
      fc.record({
        StartAt: names,
        States: fc.dictionary(names, fc.record({ Type: stateTypes, End: fc.boolean() }), { maxKeys: 2 }),
      }),
      { maxLength: 2 },
    ),
    Output: field,
    QueryLanguage: fc.constantFrom('JSONata', 'JSONPath', 'Other'),
  },
  { requiredKeys: ['Type'] },
);
const nearlyValid = fc.record(
  {
    StartAt: names,
    States: fc.dictionary(names, state, { minKeys: 1, maxKeys: 3 }),
    QueryLanguage: fc.constantFrom('JSONata', 'JSONPath'),
    TimeoutSeconds: fc.integer({ min: -1, max: 5 }),
  },
  { requiredKeys: ['StartAt', 'States'] },
);

test.prop([fc.jsonValue()], { numRuns: 300 })('validateDefinition never throws on arbitrary JSON', (value) => {
  expect(() => validateDefinition(value)).not.toThrow();
});

test.prop([nearlyValid], { numRuns: 300 })('validateDefinition never throws on nearly valid definitions', (value) => {
  const r = validateDefinition(value);
  if (r.isErr()) for (const e of r.error) expect(typeof e.message).toBe('string');
});

test.prop([fc.oneof(nearlyValid, fc.jsonValue({ maxDepth: 3 })), fc.anything({ maxDepth: 3 })], { numRuns: 200 })(
  'runStateMachine always resolves to a result, whatever the definition and input',
  async (definition, input) => {
    const result = await runStateMachine(definition, input, {
      now: () => 0,
      taskHandlers: { A: async (i) => i, B: async () => Promise.reject(new Error('x')) },
    });
    expect(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']).toContain(result.status);
    expect(Array.isArray(result.history)).toBe(true);
  },
);
