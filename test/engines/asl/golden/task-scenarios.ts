import { createHash } from 'node:crypto';
import { fc } from '@fast-check/vitest';
import {
  type ExecutionResult,
  type Json,
  runStateMachine,
  type TaskContext,
  type TaskHandler,
} from '#adapters/stepfunctions/asl/state-machines.ts';

// Generated task-heavy scenarios (chains of Tasks mixed with Pass/Choice/Map/Parallel, handlers that
// succeed, throw, sleep, mutate their input or a value they returned earlier, return non-JSON or
// payloads right at the 256 KiB edge). A scenario is plain data, so the recorded results in
// task-scenarios.golden.json can be replayed exactly by task-scenarios.golden.test.ts: the history
// of every scenario must stay byte for byte what the interpreter produced when it was recorded.

export type Behaviour =
  | { kind: 'return'; value: Json; sync?: boolean }
  | { kind: 'echo'; key: string }
  | { kind: 'throw'; name: string; message: string; sync?: boolean }
  | { kind: 'throwString' }
  | { kind: 'sleep'; seconds: number; heartbeatEvery?: number }
  | { kind: 'failTimes'; times: number; name: string }
  | { kind: 'nonJson' }
  | { kind: 'undefined' }
  | { kind: 'withUndefinedField' }
  | { kind: 'big'; char: string; count: number }
  | { kind: 'mutateInput' }
  | { kind: 'returnShared' }
  | { kind: 'mutateShared' }
  | { kind: 'context' }
  | { kind: 'toJsonValues' }
  | { kind: 'negativeZero' };

export type Scenario = {
  readonly definition: Json;
  readonly input: Json;
  readonly behaviours: Record<string, Behaviour>;
  readonly type?: 'STANDARD' | 'EXPRESS';
};

export type Recorded = {
  readonly status: string;
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
  readonly history: Json[];
};

const START = Date.UTC(2026, 0, 1, 0, 0, 0);

/** Handlers for one run; `shared` is the object some handlers return and others mutate later. */
export const handlersFor = (behaviours: Record<string, Behaviour>): Record<string, TaskHandler> => {
  const shared: { n: number; tag: string[] } = { n: 0, tag: ['first'] };
  const calls = new Map<string, number>();
  const handler =
    (state: string, b: Behaviour): TaskHandler =>
    (input: Json, ctx: TaskContext): unknown => {
      const call = (calls.get(state) ?? 0) + 1;
      calls.set(state, call);
      switch (b.kind) {
        case 'return':
          return b.sync === true ? b.value : Promise.resolve(b.value);
        case 'echo':
          return (async () => ({ [b.key]: input, call }))();
        case 'throw': {
          const e = new Error(b.message);
          e.name = b.name;
          if (b.sync === true) throw e;
          return Promise.reject(e);
        }
        case 'throwString':
          return Promise.reject('plain string');
        case 'sleep':
          return (async () => {
            let left = b.seconds;
            while (left > 0) {
              const step = b.heartbeatEvery === undefined ? left : Math.min(left, b.heartbeatEvery);
              await ctx.sleep(step);
              left -= step;
              if (b.heartbeatEvery !== undefined) ctx.heartbeat();
            }
            return { slept: b.seconds };
          })();
        case 'failTimes': {
          if (call <= b.times) {
            const e = new Error(`attempt ${call}`);
            e.name = b.name;
            return Promise.reject(e);
          }
          return Promise.resolve({ attempts: call });
        }
        case 'nonJson':
          return Promise.resolve({ big: BigInt(1) });
        case 'undefined':
          return Promise.resolve(undefined);
        case 'withUndefinedField':
          return Promise.resolve({ a: undefined, b: [undefined, 1], d: new Date(START), n: Number.NaN });
        case 'big':
          return Promise.resolve(b.char.repeat(b.count));
        case 'mutateInput': {
          if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
            input.mutated = true;
            for (const v of Object.values(input))
              if (typeof v === 'object' && v !== null && !Array.isArray(v)) v.deep = 'mutated';
          }
          return Promise.resolve('mutated my input');
        }
        case 'returnShared':
          return Promise.resolve(shared);
        case 'mutateShared':
          shared.n++;
          shared.tag.push('later');
          return Promise.resolve({ mutated: shared.n });
        case 'toJsonValues':
          return Promise.resolve({ when: new Date(START), custom: { toJSON: (key: string) => `custom:${key}` } });
        case 'negativeZero':
          return Promise.resolve({ z: -0, list: [-0, 1e21, 1e-7] });
        case 'context':
          return Promise.resolve({
            name: ctx.stateName,
            resource: ctx.resource,
            retry: ctx.retryCount,
            hasToken: ctx.taskToken !== undefined,
            state: (ctx.contextObject as { State: Json }).State,
          });
      }
    };
  return Object.fromEntries(Object.entries(behaviours).map(([s, b]) => [s, handler(s, b)]));
};

/** A scenario keeps a big input string as `<c×n>` (the golden files stay small); runs expand it. */
const expandPad = (input: Json): Json => {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || typeof input.pad !== 'string')
    return input;
  const m = /^<(.)×(\d+)>$/u.exec(input.pad);
  return m === null ? input : { ...input, pad: (m[1] as string).repeat(Number(m[2])) };
};

/** Deterministic run: fixed clock, fixed random source, virtual time. */
/** `run`: the interpreter to replay with (the recorder passes the one the golden file is made from). */
export const runScenario = async (s: Scenario, run = runStateMachine): Promise<Recorded> => {
  let seed = 1;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const r: ExecutionResult = await run(s.definition, expandPad(s.input), {
    taskHandlers: handlersFor(s.behaviours),
    now: () => START,
    random,
    ...(s.type === undefined ? {} : { type: s.type }),
  });
  return JSON.parse(
    JSON.stringify({
      status: r.status,
      output: r.output,
      error: r.error,
      cause: r.cause,
      history: r.history.map((e) => ({ ...e, timestamp: e.timestamp.toISOString() })),
    }),
    // Strings of the 256 KiB scenarios are kept as their length and digest, not verbatim.
    (_, v: unknown) =>
      typeof v === 'string' && v.length > 512
        ? `<${v.length} chars, sha256 ${createHash('sha256').update(v).digest('hex')}>`
        : v,
  ) as Recorded;
};

// ---- generation ----

const RESOURCES = [
  'arn:aws:lambda:us-east-1:123456789012:function:step',
  'arn:aws:states:::lambda:invoke',
  'arn:aws:states:::dynamodb:putItem',
  'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
  'arn:aws:states:us-east-1:123456789012:activity:work',
];

const small: fc.Arbitrary<Json> = fc.oneof(
  fc.integer({ min: -5, max: 99 }),
  fc.constantFrom('x', 'é', '"q"', '\n', '€', '😀', ''),
  fc.boolean(),
  fc.constant(null),
);
const smallObject: fc.Arbitrary<Json> = fc.dictionary(fc.constantFrom('a', 'b', 'c', '__proto__', '1'), small, {
  maxKeys: 3,
});

const LIMIT = 262_144;

const behaviour: fc.Arbitrary<Behaviour> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('return' as const), value: fc.oneof(small, smallObject) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('return' as const), value: smallObject, sync: fc.constant(true) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('echo' as const), key: fc.constantFrom('in', 'seen') }) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('throw' as const),
        name: fc.constantFrom('Boom', 'States.TaskFailed', 'Custom.Error'),
        message: fc.constantFrom('bad', ''),
        sync: fc.boolean(),
      },
      { requiredKeys: ['kind', 'name', 'message'] },
    ),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'throwString' as const }) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        kind: fc.constant('sleep' as const),
        seconds: fc.integer({ min: 1, max: 30 }),
        heartbeatEvery: fc.integer({ min: 1, max: 10 }),
      },
      { requiredKeys: ['kind', 'seconds'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('failTimes' as const),
      times: fc.integer({ min: 1, max: 3 }),
      name: fc.constantFrom('Boom', 'Retryable'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'nonJson' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'undefined' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'withUndefinedField' as const }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('a', 'é', '€', '😀', '"').chain((char) => {
      const perChar = char === '"' ? 2 : Buffer.byteLength(char);
      const units = Math.floor((LIMIT - 2) / perChar);
      return fc.record({
        kind: fc.constant('big' as const),
        char: fc.constant(char),
        count: fc.constantFrom(units - 40, units - 1, units, units + 1),
      });
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'mutateInput' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'returnShared' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'mutateShared' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'context' as const }) },
);

type TaskSpec = Record<string, Json | undefined>;

const taskFields: fc.Arbitrary<TaskSpec> = fc
  .record(
    {
      Resource: fc.constantFrom(...RESOURCES),
      ResultPath: fc.constantFrom<Json>('$.last', '$', null, '$.a.b', '$.list'),
      Parameters: fc.constantFrom<Json>(
        { 'whole.$': '$', fixed: 1 },
        { 'ctx.$': '$$.State.Name', 'retry.$': '$$.State.RetryCount' },
      ),
      ResultSelector: fc.constantFrom<Json>({ 'r.$': '$' }),
      OutputPath: fc.constantFrom<Json>('$', '$.last'),
      InputPath: fc.constantFrom<Json>('$', '$.nested'),
      TimeoutSeconds: fc.integer({ min: 2, max: 20 }),
      HeartbeatSeconds: fc.integer({ min: 1, max: 5 }),
      Retry: fc.constantFrom<Json>(
        [{ ErrorEquals: ['Boom'], IntervalSeconds: 1, MaxAttempts: 2 }],
        [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, BackoffRate: 1.5, JitterStrategy: 'FULL' }],
        [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 1 }],
      ),
      Catch: fc.constantFrom<Json>(
        [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: '__NEXT__' }],
        [{ ErrorEquals: ['Boom', 'States.DataLimitExceeded'], Next: '__NEXT__' }],
      ),
      Assign: fc.constantFrom<Json>({ 'saved.$': '$' }),
    },
    { requiredKeys: ['Resource'] },
  )
  .map((f) => {
    const out = { ...f };
    // Keep definitions valid: a heartbeat shorter than the timeout, OutputPath '$.last' only where it exists.
    if (typeof out.TimeoutSeconds === 'number' && typeof out.HeartbeatSeconds === 'number')
      out.HeartbeatSeconds = Math.min(out.HeartbeatSeconds, out.TimeoutSeconds - 1);
    if (out.OutputPath === '$.last' && out.ResultPath !== '$.last') delete out.OutputPath;
    return out;
  });

type Step =
  | { kind: 'task'; fields: TaskSpec; behaviour: Behaviour }
  | { kind: 'pass' }
  | { kind: 'choice' }
  | { kind: 'map'; fields: TaskSpec; behaviour: Behaviour }
  | { kind: 'parallel'; fields: TaskSpec; behaviours: Behaviour[] };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('task' as const), fields: taskFields, behaviour }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'pass' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'choice' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('map' as const),
      fields: taskFields,
      behaviour,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('parallel' as const),
      fields: taskFields,
      behaviours: fc.array(behaviour, { minLength: 1, maxLength: 3 }),
    }),
  },
);

const withNext = (fields: TaskSpec, next: Record<string, Json>): Record<string, Json> => {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    out[k] = k === 'Catch' ? JSON.parse(JSON.stringify(v).replaceAll('__NEXT__', 'Tail')) : v;
  }
  return { Type: 'Task', ...out, ...next };
};

const toScenario = (steps: Step[], input: Json, express: boolean): Scenario => {
  const states: Record<string, Json> = {};
  const behaviours: Record<string, Behaviour> = {};
  steps.forEach((s, i) => {
    const name = `S${i}`;
    const next: Record<string, Json> = i === steps.length - 1 ? { Next: 'Tail' } : { Next: `S${i + 1}` };
    switch (s.kind) {
      case 'task':
        states[name] = withNext(s.fields, next);
        behaviours[name] = s.behaviour;
        break;
      case 'pass':
        states[name] = { Type: 'Pass', Result: { i }, ResultPath: '$.pass', ...next };
        break;
      case 'choice':
        states[name] = {
          Type: 'Choice',
          Choices: [{ Variable: '$.start', NumericGreaterThan: 0, Next: (next.Next as string) ?? 'Tail' }],
          Default: 'Tail',
        };
        break;
      case 'map': {
        const inner = `M${i}T`;
        const { Catch: _c, ...fields } = s.fields;
        states[name] = {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { 'start.$': '$$.Map.Item.Index', 'nested.$': '$$.Map.Item.Value' },
          ItemProcessor: { StartAt: inner, States: { [inner]: withNext(fields, { End: true }) } },
          ResultPath: '$.mapped',
          ...next,
        };
        behaviours[inner] = s.behaviour;
        break;
      }
      case 'parallel': {
        const { Catch: _c, ...fields } = s.fields;
        states[name] = {
          Type: 'Parallel',
          Branches: s.behaviours.map((b, k) => {
            const inner = `P${i}B${k}`;
            behaviours[inner] = b;
            return { StartAt: inner, States: { [inner]: withNext(fields, { End: true }) } };
          }),
          ResultPath: '$.parallel',
          ...next,
        };
        break;
      }
    }
  });
  states.Tail = { Type: 'Pass', End: true };
  const first = steps.length === 0 ? 'Tail' : 'S0';
  return {
    definition: { StartAt: first, States: states },
    input,
    behaviours,
    ...(express ? { type: 'EXPRESS' as const } : {}),
  };
};

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(
    fc.array(step, { minLength: 1, maxLength: 6 }),
    fc.record({
      start: fc.integer({ min: -1, max: 3 }),
      nested: smallObject,
      list: fc.constant([1, 'two']),
      items: fc.array(smallObject, { maxLength: 3 }),
    }),
    fc.boolean(),
  )
  .map(([steps, input, express]) => {
    const s = toScenario(steps, input as unknown as Json, express);
    // Express workflows reject callback resources: keep those scenarios STANDARD.
    const text = JSON.stringify(s.definition);
    if (!text.includes('.waitForTaskToken') && !text.includes(':activity:')) return s;
    const { type: _express, ...standard } = s;
    return standard;
  });

// ---- second set: JSONata tasks, timeouts from paths, OutputPath null, inputs at the 256 KiB edge ----

const behaviour2: fc.Arbitrary<Behaviour> = fc.oneof(
  { weight: 6, arbitrary: behaviour },
  { weight: 1, arbitrary: fc.constant({ kind: 'toJsonValues' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'negativeZero' as const }) },
);

const taskFields2: fc.Arbitrary<TaskSpec> = fc
  .tuple(
    taskFields,
    fc.record(
      {
        ResultPath: fc.constantFrom<Json>('$.nested.deep', '$.pad'),
        OutputPath: fc.constant<Json>(null),
        TimeoutSecondsPath: fc.constant<Json>('$$.Execution.Input.timeouts.t'),
        HeartbeatSecondsPath: fc.constant<Json>('$$.Execution.Input.timeouts.h'),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([base, extra]) => {
    const out: TaskSpec = { ...base, ...extra };
    if (out.TimeoutSecondsPath !== undefined) delete out.TimeoutSeconds;
    if (out.HeartbeatSecondsPath !== undefined) delete out.HeartbeatSeconds;
    if (out.OutputPath === '$.last' && out.ResultPath !== '$.last') delete out.OutputPath;
    if (typeof out.TimeoutSeconds === 'number' && out.HeartbeatSecondsPath !== undefined)
      delete out.HeartbeatSecondsPath;
    if (typeof out.HeartbeatSeconds === 'number' && out.TimeoutSecondsPath !== undefined) delete out.TimeoutSecondsPath;
    return out;
  });

const jsonataTask: fc.Arbitrary<TaskSpec> = fc
  .record(
    {
      Resource: fc.constantFrom(...RESOURCES.slice(0, 3)),
      Arguments: fc.constantFrom<Json>('{% $states.input %}', { x: '{% $states.input.start %}', fixed: [1, 2] }),
      Output: fc.constantFrom<Json>('{% $states.result %}', {
        r: '{% $states.result %}',
        in: '{% $states.input.start %}',
      }),
      Assign: fc.constantFrom<Json>({ saved: '{% $states.result %}' }),
      TimeoutSeconds: fc.constantFrom<Json>(5, '{% $states.input.timeouts.t %}'),
      Retry: fc.constantFrom<Json>([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2 }]),
      Catch: fc.constantFrom<Json>([
        { ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Next: '__NEXT__' },
      ]),
    },
    { requiredKeys: ['Resource'] },
  )
  .map((f) => ({ ...f, QueryLanguage: 'JSONata' }));

const step2: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('task' as const), fields: taskFields2, behaviour: behaviour2 }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('task' as const), fields: jsonataTask, behaviour: behaviour2 }),
  },
  { weight: 2, arbitrary: step },
);

/** Input sizes right under the quota, so that a task result pushes the state output over it or not. */
const pad = fc
  .constantFrom(0, 0, 0, 200, 60, 20)
  .map((margin) => (margin === 0 ? '' : `<é×${Math.floor((LIMIT - margin - 200) / 2)}>`));

export const scenarioArb2: fc.Arbitrary<Scenario> = fc
  .tuple(
    fc.array(step2, { minLength: 1, maxLength: 6 }),
    fc.record({
      start: fc.integer({ min: -1, max: 3 }),
      nested: smallObject,
      list: fc.constant([1, 'two']),
      items: fc.array(smallObject, { maxLength: 3 }),
      timeouts: fc.record({ t: fc.integer({ min: 3, max: 20 }), h: fc.integer({ min: 1, max: 2 }) }),
      pad,
    }),
    fc.boolean(),
    fc.option(fc.integer({ min: 10, max: 40 }), { nil: undefined }),
  )
  .map(([steps, input, express, timeout]) => {
    const s = toScenario(steps, input as unknown as Json, express);
    const definition = (
      timeout === undefined ? s.definition : { ...(s.definition as object), TimeoutSeconds: timeout }
    ) as Json;
    const text = JSON.stringify(definition);
    const { type: _express, ...standard } = s;
    return text.includes('.waitForTaskToken') || text.includes(':activity:')
      ? { ...standard, definition }
      : { ...s, definition };
  });
