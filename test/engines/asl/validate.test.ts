import { describe, expect, it } from 'vitest';
import { type DefinitionError, validateDefinition } from '#adapters/stepfunctions/asl/state-machines.ts';

const TASK = 'arn:aws:states:::lambda:invoke';
const machine = (states: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  StartAt: Object.keys(states)[0],
  States: states,
  ...extra,
});
const one = (state: Record<string, unknown>, extra: Record<string, unknown> = {}) => machine({ S: state }, extra);

const errorsOf = (definition: unknown, type: 'STANDARD' | 'EXPRESS' = 'STANDARD'): DefinitionError[] => {
  const r = validateDefinition(definition, { type });
  return r.isErr() ? r.error : [];
};

/** Asserts the definition is rejected with (at least) an error for that state and field. */
const rejects = (
  definition: unknown,
  state: string | undefined,
  field: string | undefined,
  message?: RegExp,
  type?: 'STANDARD' | 'EXPRESS',
) => {
  const errors = errorsOf(definition, type);
  const match = errors.find(
    (e) => e.state === state && e.field === field && (message === undefined || message.test(e.message)),
  );
  expect(match, `expected an error for ${state}/${field}, got ${JSON.stringify(errors)}`).toBeDefined();
};

describe('validateDefinition accepts', () => {
  it('a well-formed definition using every state type', () => {
    const def = machine({
      P: { Type: 'Pass', Result: 1, ResultPath: '$.r', Next: 'T' },
      T: {
        Type: 'Task',
        Resource: TASK,
        Parameters: { 'a.$': '$.r' },
        TimeoutSeconds: 10,
        HeartbeatSeconds: 5,
        Retry: [{ ErrorEquals: ['A'] }, { ErrorEquals: ['States.ALL'] }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }],
        Next: 'C',
      },
      C: { Type: 'Choice', Choices: [{ Variable: '$.r', NumericEquals: 1, Next: 'W' }], Default: 'F' },
      W: { Type: 'Wait', SecondsPath: '$.s', Next: 'Par' },
      Par: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Succeed' } } }], Next: 'M' },
      M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, Next: 'OK' },
      OK: { Type: 'Succeed' },
      F: { Type: 'Fail', Error: 'E' },
    });
    expect(errorsOf(def)).toEqual([]);
  });
});

describe('validateDefinition rejects', () => {
  it('a definition that is not an object', () => {
    expect(errorsOf('nope')).toHaveLength(1);
  });
  it('a missing StartAt', () => rejects({ States: { A: { Type: 'Succeed' } } }, undefined, 'StartAt'));
  it('a StartAt naming no state', () =>
    rejects({ StartAt: 'X', States: { A: { Type: 'Succeed' } } }, undefined, 'StartAt'));
  it('empty States', () => rejects({ StartAt: 'A', States: {} }, undefined, 'States'));
  it('unknown top-level fields', () => rejects({ ...one({ Type: 'Succeed' }), Foo: 1 }, undefined, 'Foo'));
  it('a bad top-level TimeoutSeconds', () =>
    rejects(one({ Type: 'Succeed' }, { TimeoutSeconds: 0 }), undefined, 'TimeoutSeconds'));
  it('an unknown state Type', () => rejects(one({ Type: 'Loop' }), 'S', 'Type'));
  it('a Next to an unknown state', () =>
    rejects(one({ Type: 'Pass', Next: 'Nowhere' }), 'S', 'Next', /does not exist/));
  it('both Next and End', () =>
    rejects(machine({ A: { Type: 'Pass', Next: 'B', End: true }, B: { Type: 'Succeed' } }), 'A', 'End'));
  it('neither Next nor End', () => rejects(one({ Type: 'Pass' }), 'S', 'Next'));
  it('unknown fields for the state type', () =>
    rejects(one({ Type: 'Succeed', Result: 1 }), 'S', 'Result', /not supported by a Succeed state/));
  it('Next on a Choice state', () =>
    rejects(
      machine({
        C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'S' }], Next: 'S' },
        S: { Type: 'Succeed' },
      }),
      'C',
      'Next',
    ));
  it('unreachable states', () =>
    rejects(machine({ A: { Type: 'Succeed' }, Orphan: { Type: 'Succeed' } }), 'Orphan', undefined, /not reachable/));
  it('no terminal state', () =>
    rejects(
      machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } }),
      undefined,
      undefined,
      /no terminal state/,
    ));
  it('a state name longer than 80 characters', () =>
    rejects(machine({ [`S${'x'.repeat(80)}`]: { Type: 'Succeed' } }), `S${'x'.repeat(80)}`, undefined));

  describe('paths', () => {
    it('an invalid InputPath', () =>
      rejects(one({ Type: 'Pass', InputPath: 'not.a.path', End: true }), 'S', 'InputPath'));
    it('an invalid OutputPath', () => rejects(one({ Type: 'Pass', OutputPath: '$.[', End: true }), 'S', 'OutputPath'));
    it('a ResultPath that is not a reference path', () =>
      rejects(one({ Type: 'Pass', ResultPath: '$.a[*]', End: true }), 'S', 'ResultPath', /reference path/));
    it('a ResultPath on the context object', () =>
      rejects(one({ Type: 'Pass', ResultPath: '$$.Execution', End: true }), 'S', 'ResultPath'));
    it('a bad path in a Parameters .$ field', () =>
      rejects(one({ Type: 'Pass', Parameters: { 'a.$': 'nope' }, End: true }), 'S', 'Parameters'));
    it('a non-string .$ value', () =>
      rejects(one({ Type: 'Pass', Parameters: { 'a.$': 1 }, End: true }), 'S', 'Parameters'));
    it('a bad ResultSelector path', () =>
      rejects(
        one({ Type: 'Task', Resource: TASK, ResultSelector: { 'a.$': '$[' }, End: true }),
        'S',
        'ResultSelector',
      ));
    it('a non-reference ItemsPath', () =>
      rejects(
        one({
          Type: 'Map',
          ItemsPath: '$..x',
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' } } },
          End: true,
        }),
        'S',
        'ItemsPath',
      ));
    it('a bad SecondsPath', () =>
      rejects(one({ Type: 'Wait', SecondsPath: '$.a[?(@.x)]', End: true }), 'S', 'SecondsPath'));
    it('a bad ErrorPath', () => rejects(one({ Type: 'Fail', ErrorPath: 'States.Nope()' }), 'S', 'ErrorPath'));
  });

  describe('query languages', () => {
    it('an unknown QueryLanguage', () =>
      rejects(one({ Type: 'Succeed' }, { QueryLanguage: 'XPath' }), undefined, 'QueryLanguage'));
    it('JSONPath-only fields in a JSONata state', () =>
      rejects(
        one({ Type: 'Pass', QueryLanguage: 'JSONata', InputPath: '$', End: true }),
        'S',
        'InputPath',
        /not supported with the JSONata/,
      ));
    it('JSONata-only fields in a JSONPath state', () =>
      rejects(
        one({ Type: 'Task', Resource: TASK, Arguments: {}, End: true }),
        'S',
        'Arguments',
        /not supported with the JSONPath/,
      ));
    it('JSONPath fields under a top-level JSONata', () =>
      rejects(one({ Type: 'Pass', ResultPath: '$.x', End: true }, { QueryLanguage: 'JSONata' }), 'S', 'ResultPath'));
    it('a JSONPath state in a JSONata state machine', () =>
      rejects(
        one({ Type: 'Pass', QueryLanguage: 'JSONPath', End: true }, { QueryLanguage: 'JSONata' }),
        'S',
        'QueryLanguage',
      ));
    it('a JSONata expression that does not parse', () =>
      rejects(
        one({ Type: 'Pass', Output: { x: '{% $states.input.( %}' }, End: true }, { QueryLanguage: 'JSONata' }),
        'S',
        'Output',
      ));
    it('an empty JSONata expression', () =>
      rejects(one({ Type: 'Pass', Output: '{%  %}', End: true }, { QueryLanguage: 'JSONata' }), 'S', 'Output'));
    it('a JSONata Choice rule without Condition', () =>
      rejects(
        machine({
          C: { Type: 'Choice', QueryLanguage: 'JSONata', Choices: [{ Variable: '$.a', IsNull: true, Next: 'S' }] },
          S: { Type: 'Succeed' },
        }),
        'C',
        'Choices',
        /not supported with the JSONata/,
      ));
    it('JSONPath ResultPath in a JSONata catcher', () =>
      rejects(
        machine({
          T: {
            Type: 'Task',
            QueryLanguage: 'JSONata',
            Resource: TASK,
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.e', Next: 'S' }],
            End: true,
          },
          S: { Type: 'Succeed' },
        }),
        'T',
        'Catch',
      ));
    it('invalid variable names in Assign', () =>
      rejects(one({ Type: 'Pass', Assign: { 'bad-name': 1 }, End: true }), 'S', 'Assign'));
    it('the reserved variable name states', () =>
      rejects(one({ Type: 'Pass', Assign: { states: 1 }, End: true }), 'S', 'Assign'));
  });

  describe('Task', () => {
    it('a missing Resource', () => rejects(one({ Type: 'Task', End: true }), 'S', 'Resource'));
    it('a Resource that is not an ARN', () =>
      rejects(one({ Type: 'Task', Resource: 'lambda', End: true }), 'S', 'Resource'));
    it('.waitForTaskToken in an EXPRESS workflow', () =>
      rejects(
        one({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true }),
        'S',
        'Resource',
        /Express/,
        'EXPRESS',
      ));
    it('.sync in an EXPRESS workflow', () =>
      rejects(
        one({ Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', End: true }),
        'S',
        'Resource',
        /Express/,
        'EXPRESS',
      ));
    it('TimeoutSeconds and TimeoutSecondsPath together', () =>
      rejects(
        one({ Type: 'Task', Resource: TASK, TimeoutSeconds: 5, TimeoutSecondsPath: '$.t', End: true }),
        'S',
        'TimeoutSecondsPath',
      ));
    it('HeartbeatSeconds and HeartbeatSecondsPath together', () =>
      rejects(
        one({ Type: 'Task', Resource: TASK, HeartbeatSeconds: 5, HeartbeatSecondsPath: '$.t', End: true }),
        'S',
        'HeartbeatSecondsPath',
      ));
    it('HeartbeatSeconds >= TimeoutSeconds', () =>
      rejects(
        one({ Type: 'Task', Resource: TASK, TimeoutSeconds: 5, HeartbeatSeconds: 5, End: true }),
        'S',
        'HeartbeatSeconds',
      ));
    it('a non-positive TimeoutSeconds', () =>
      rejects(one({ Type: 'Task', Resource: TASK, TimeoutSeconds: 0, End: true }), 'S', 'TimeoutSeconds'));
  });

  describe('Retry and Catch', () => {
    const task = (extra: Record<string, unknown>) =>
      machine({ T: { Type: 'Task', Resource: TASK, End: true, ...extra }, Z: { Type: 'Succeed' } });
    const withCatch = (c: unknown[]) => task({ Catch: c });
    it('States.ALL not alone in a retrier', () =>
      rejects(task({ Retry: [{ ErrorEquals: ['States.ALL', 'X'] }] }), 'T', 'Retry', /alone/));
    it('States.ALL not in the last retrier', () =>
      rejects(task({ Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'] }] }), 'T', 'Retry', /last/));
    it('States.ALL not alone in a catcher', () =>
      rejects(withCatch([{ ErrorEquals: ['States.ALL', 'X'], Next: 'Z' }]), 'T', 'Catch', /alone/));
    it('States.ALL not in the last catcher', () =>
      rejects(
        withCatch([
          { ErrorEquals: ['States.ALL'], Next: 'Z' },
          { ErrorEquals: ['X'], Next: 'Z' },
        ]),
        'T',
        'Catch',
        /last/,
      ));
    it('an empty ErrorEquals', () => rejects(task({ Retry: [{ ErrorEquals: [] }] }), 'T', 'Retry'));
    it('a BackoffRate below 1', () =>
      rejects(task({ Retry: [{ ErrorEquals: ['X'], BackoffRate: 0.5 }] }), 'T', 'Retry', /BackoffRate/));
    it('a bad JitterStrategy', () =>
      rejects(task({ Retry: [{ ErrorEquals: ['X'], JitterStrategy: 'SOME' }] }), 'T', 'Retry', /JitterStrategy/));
    it('unknown retrier fields', () =>
      rejects(task({ Retry: [{ ErrorEquals: ['X'], Delay: 1 }] }), 'T', 'Retry', /unknown field/));
    it('a catcher Next to an unknown state', () =>
      rejects(withCatch([{ ErrorEquals: ['X'], Next: 'Nope' }]), 'T', 'Catch', /does not exist/));
  });

  describe('Choice', () => {
    const choice = (rule: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      machine({ C: { Type: 'Choice', Choices: [{ Next: 'S', ...rule }], ...extra }, S: { Type: 'Succeed' } });
    it('an unknown comparison operator', () =>
      rejects(choice({ Variable: '$.a', StringContains: 'x' }), 'C', 'Choices', /Unknown comparison operator/));
    it('two operators in one rule', () =>
      rejects(choice({ Variable: '$.a', StringEquals: 'x', IsNull: true }), 'C', 'Choices'));
    it('an operand of the wrong type', () =>
      rejects(choice({ Variable: '$.a', NumericEquals: '1' }), 'C', 'Choices', /must be a number/));
    it('an invalid timestamp operand', () =>
      rejects(choice({ Variable: '$.a', TimestampEquals: '2020-01-01' }), 'C', 'Choices'));
    it('a missing Variable', () => rejects(choice({ StringEquals: 'x' }), 'C', 'Choices'));
    it('Next inside a nested rule', () =>
      rejects(choice({ Not: { Variable: '$.a', IsNull: true, Next: 'S' } }), 'C', 'Choices', /nested/));
    it('an empty And', () => rejects(choice({ And: [] }), 'C', 'Choices'));
    it('empty Choices', () =>
      rejects(machine({ C: { Type: 'Choice', Choices: [], Default: 'S' }, S: { Type: 'Succeed' } }), 'C', 'Choices'));
    it('a Default to an unknown state', () =>
      rejects(choice({ Variable: '$.a', IsNull: true }, { Default: 'Nope' }), 'C', 'Default'));
  });

  describe('Wait, Fail, Parallel, Map', () => {
    it('Wait with two of Seconds/Timestamp/SecondsPath/TimestampPath', () =>
      rejects(one({ Type: 'Wait', Seconds: 1, TimestampPath: '$.t', End: true }), 'S', 'TimestampPath'));
    it('Wait with none of them', () => rejects(one({ Type: 'Wait', End: true }), 'S', 'Seconds'));
    it('Wait with a negative Seconds', () => rejects(one({ Type: 'Wait', Seconds: -1, End: true }), 'S', 'Seconds'));
    it('Wait with a bad Timestamp', () =>
      rejects(one({ Type: 'Wait', Timestamp: 'tomorrow', End: true }), 'S', 'Timestamp'));
    it('Fail with Error and ErrorPath', () =>
      rejects(one({ Type: 'Fail', Error: 'E', ErrorPath: '$.e' }), 'S', 'ErrorPath'));
    it('Parallel without Branches', () => rejects(one({ Type: 'Parallel', End: true }), 'S', 'Branches'));
    it('Parallel with an invalid branch, naming the inner state', () =>
      rejects(
        one({
          Type: 'Parallel',
          Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Next: 'Nope' } } }],
          End: true,
        }),
        'B',
        'Next',
        /branch 1 of Parallel 'S'/,
      ));
    it('Map without ItemProcessor or Iterator', () => rejects(one({ Type: 'Map', End: true }), 'S', 'ItemProcessor'));
    it('Map with both ItemProcessor and Iterator', () => {
      const sub = { StartAt: 'I', States: { I: { Type: 'Succeed' } } };
      rejects(one({ Type: 'Map', ItemProcessor: sub, Iterator: sub, End: true }), 'S', 'Iterator');
    });
    it('Map with an invalid nested state', () =>
      rejects(
        one({ Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Task', End: true } } }, End: true }),
        'I',
        'Resource',
      ));
    it('a negative MaxConcurrency', () =>
      rejects(
        one({
          Type: 'Map',
          MaxConcurrency: -1,
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' } } },
          End: true,
        }),
        'S',
        'MaxConcurrency',
      ));
    it('tolerated failures on an inline Map', () =>
      rejects(
        one({
          Type: 'Map',
          ToleratedFailureCount: 1,
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' } } },
          End: true,
        }),
        'S',
        'ToleratedFailureCount',
        /DISTRIBUTED/,
      ));
    it('a DISTRIBUTED processor without ExecutionType', () =>
      rejects(
        one({
          Type: 'Map',
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'I', States: { I: { Type: 'Succeed' } } },
          End: true,
        }),
        'S',
        'ItemProcessor',
      ));
    it('a ToleratedFailurePercentage above 100', () =>
      rejects(
        one({
          Type: 'Map',
          ToleratedFailurePercentage: 101,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'I',
            States: { I: { Type: 'Succeed' } },
          },
          End: true,
        }),
        'S',
        'ToleratedFailurePercentage',
      ));
  });
});
