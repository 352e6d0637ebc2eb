import { err, ok, type Result } from 'neverthrow';
import { type Failure, failure, States, stateRuntimeCause } from '../errors.ts';
import { evaluateJsonataTemplate } from '../jsonata/evaluate.ts';
import { stepFunctionsJsonataFunctions } from '../jsonata/jsonata-functions.ts';
import { evaluatePath, type PathRoots } from '../jsonpath/evaluate.ts';
import { parsePath } from '../jsonpath/parser.ts';
import { resolveTemplate, type TemplateEnv } from '../payload-template.ts';
import type { Json, JsonObject, PreparedDef, QueryLanguage } from '../types.ts';
import type { Exec, Frame } from './exec.ts';
import type { LazyText } from './lazy-text.ts';
import type { PreparedState } from './prepared-state.ts';
import { lookupVariable, visibleVariables } from './variables.ts';

/** Everything a state handler needs about the state being run. */
export type StateCtx = {
  readonly exec: Exec;
  readonly frame: Frame;
  /** The state as prepared for running; `name` and `def` are its own. */
  readonly state: PreparedState;
  readonly name: string;
  readonly def: PreparedDef;
  readonly ql: QueryLanguage;
  readonly enteredEventId: number;
  /** Epoch milliseconds at which the state was entered ($$.State.EnteredTime, built on demand). */
  readonly enteredAt: number;
  readonly rawInput: Json;
  /** rawInput as recorded in the history (the previous state's output), reused when a task sends its input as is. */
  readonly rawPayload: LazyText;
  /** An upper bound on rawInput's size as UTF-8 JSON (Infinity when unknown). */
  readonly inputBound: number;
  retryCount: number;
  /** Retries taken so far in this visit of the state, per retrier index (created on the first retry). */
  retriesUsed: Map<number, number> | undefined;
};

/**
 * `size`, when a state knows it cheaply: an upper bound on the output's size as UTF-8 JSON.
 * A step that moves on (`next` or `end`) is built by `moveOn` only, so that every one has the same
 * fields and the state loop's reads of them stay monomorphic whatever kind of state produced it.
 */
export type StepResult =
  | {
      readonly kind: 'next';
      readonly next: string;
      readonly output: Json;
      readonly assign: Record<string, Json> | undefined;
      readonly size: number | undefined;
    }
  | {
      readonly kind: 'end';
      readonly next: undefined;
      readonly output: Json;
      readonly assign: Record<string, Json> | undefined;
      readonly size: number | undefined;
    }
  | { kind: 'failed'; failure: Failure }
  | { kind: 'cancelled' }
  | InFlight;

/**
 * A task whose handler is still running, handed to the state loop to await the handler's own
 * promise and then `land` the attempt: one promise and one microtask per task instead of a promise
 * of the step result chained onto the handler's.
 */
export type InFlight = {
  readonly kind: 'inflight';
  readonly promise: Promise<unknown>;
  land(value: unknown, threw: boolean): StepResult | Promise<StepResult>;
};

export type ContextExtras = { token?: string; mapItem?: { Index: number; Value: Json } };

/** The step to `next` (or the end, when undefined) with the state's output. */
export const moveOn = (
  next: string | undefined,
  output: Json,
  assign?: Record<string, Json>,
  size?: number,
): StepResult =>
  next === undefined
    ? { kind: 'end', next: undefined, output, assign, size }
    : { kind: 'next', next, output, assign, size };

export const transition = (ctx: StateCtx, output: Json, assign?: Record<string, Json>): StepResult =>
  moveOn(ctx.def.Next, output, assign);

/** transition() with a known bound on the output's size (see StepResult). */
export const transitionSized = (
  ctx: StateCtx,
  output: Json,
  assign: Record<string, Json> | undefined,
  size: number,
): StepResult => moveOn(ctx.def.Next, output, assign, size);

export const failed = (f: Failure): StepResult => ({ kind: 'failed', failure: f });

export const runtimeFailure = (ctx: StateCtx, detail: string): Failure =>
  failure(States.Runtime, stateRuntimeCause(ctx.name, ctx.enteredEventId, detail));

export const contextObject = (ctx: StateCtx, extras?: ContextExtras): JsonObject => {
  const obj: JsonObject = {
    Execution: ctx.exec.contextExecution,
    State: { EnteredTime: new Date(ctx.enteredAt).toISOString(), Name: ctx.name, RetryCount: ctx.retryCount },
    StateMachine: ctx.exec.contextStateMachine,
  };
  if (extras?.token !== undefined) obj.Task = { Token: extras.token };
  if (extras?.mapItem !== undefined) obj.Map = { Item: extras.mapItem };
  return obj;
};

/** Roots for JSONPath evaluation; the context object is only built if a `$$` path asks for it. */
export const pathRoots = (ctx: StateCtx, input: Json, extras?: ContextExtras): PathRoots => {
  let context: JsonObject | undefined;
  return {
    input,
    context() {
      context ??= contextObject(ctx, extras);
      return context;
    },
    variable(name) {
      return lookupVariable(ctx.frame.scope, name);
    },
  };
};

export const templateEnv = (ctx: StateCtx, input: Json, extras?: ContextExtras): TemplateEnv => ({
  roots: pathRoots(ctx, input, extras),
  intrinsics: { random: ctx.exec.random, uuid: ctx.exec.uuid },
});

/** InputPath / OutputPath: absent means `$`, null means `{}`; a path that finds nothing is States.Runtime. */
export const selectPath = (ctx: StateCtx, path: string | null | undefined, value: Json): Result<Json, Failure> => {
  if (path === undefined || path === '$') return ok(value);
  if (path === null) return ok({});
  return parsePath(path)
    .andThen((p) => evaluatePath(p, pathRoots(ctx, value)))
    .mapErr((e) => runtimeFailure(ctx, e));
};

export const applyTemplate = (
  ctx: StateCtx,
  template: Json | undefined,
  input: Json,
  extras?: ContextExtras,
): Result<Json, Failure> =>
  template === undefined
    ? ok(input)
    : resolveTemplate(template, templateEnv(ctx, input, extras)).mapErr((f) =>
        f.error === States.Runtime ? runtimeFailure(ctx, f.cause ?? '') : f,
      );

/** JSONPath-mode Assign: a payload template whose `$` is the given value (the state's result). */
export const assignJsonPath = (
  ctx: StateCtx,
  dollar: Json,
  assign: JsonObject | undefined = ctx.def.Assign,
): Result<Record<string, Json> | undefined, Failure> =>
  assign === undefined ? ok(undefined) : applyTemplate(ctx, assign, dollar).map((v) => v as Record<string, Json>);

/** The Step Functions JSONata functions, built once per execution (they close over its random source). */
const FUNCTIONS = new WeakMap<Exec, Record<string, unknown>>();

export type StatesVar = { input: Json; result?: Json; errorOutput?: Json };

export const jsonataBindings = (ctx: StateCtx, states: StatesVar, extras?: ContextExtras): Record<string, unknown> => {
  // A plain data object (no getter): JSONata may enumerate $states, and literals with accessors are slow.
  const statesVar = { ...states, context: contextObject(ctx, extras) };
  let functions = FUNCTIONS.get(ctx.exec);
  if (functions === undefined) {
    functions = stepFunctionsJsonataFunctions(ctx.exec.random, ctx.exec.uuid);
    FUNCTIONS.set(ctx.exec, functions);
  }
  return { ...functions, ...visibleVariables(ctx.frame.scope), states: statesVar };
};

export const evalJsonata = (
  ctx: StateCtx,
  template: Json,
  field: string,
  states: StatesVar,
  extras?: ContextExtras,
): Promise<Result<Json, Failure>> => evaluateJsonataTemplate(template, jsonataBindings(ctx, states, extras), field);

/** JSONata Output (or the given default) and Assign, both seeing the variables as they were on entry. */
export const jsonataOutputAndAssign = async (
  ctx: StateCtx,
  states: StatesVar,
  fallback: Json,
  output: Json | undefined = ctx.def.Output,
  assign: JsonObject | undefined = ctx.def.Assign,
): Promise<Result<{ output: Json; assign: Record<string, Json> | undefined }, Failure>> => {
  let assigned: Record<string, Json> | undefined;
  if (assign !== undefined) {
    const a = await evalJsonata(ctx, assign, 'Assign', states);
    if (a.isErr()) return err(a.error);
    assigned = a.value as Record<string, Json>;
  }
  if (output === undefined) return ok({ output: fallback, assign: assigned });
  const o = await evalJsonata(ctx, output, 'Output', states);
  return o.map((value) => ({ output: value, assign: assigned }));
};
