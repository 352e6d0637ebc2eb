import { err, ok, type Result } from 'neverthrow';
import { type Failure, failure, States } from '../errors.ts';
import { exceedsPayloadLimit, isInteger } from '../json.ts';
import { invokeTask } from '../runtime/invoke-task.ts';
import { processResult } from '../runtime/result-output.ts';
import { withRetryAndCatch } from '../runtime/retry-catch-loop.ts';
import {
  applyTemplate,
  type ContextExtras,
  contextObject,
  evalJsonata,
  failed,
  runtimeFailure,
  type StateCtx,
  type StepResult,
  selectPath,
} from '../runtime/state-io.ts';
import type { Json } from '../types.ts';
import { resolveReference } from './wait.ts';

// Task, JSONPath: InputPath → Parameters → resource → ResultSelector → ResultPath → OutputPath,
// with Assign seeing the raw result. JSONata: Arguments → resource → Output/Assign.
// Retry re-runs everything after InputPath; every attempt of a callback task gets a new token.

const ACTIVITY = /^arn:[^:]+:states:[^:]*:[^:]*:activity:/;

const CALLBACKS = new Map<string, boolean>();
const isCallback = (resource: string): boolean => {
  let callback = CALLBACKS.get(resource);
  if (callback === undefined) {
    callback = resource.endsWith('.waitForTaskToken') || ACTIVITY.test(resource);
    if (CALLBACKS.size < 10_000) CALLBACKS.set(resource, callback);
  }
  return callback;
};

const positiveSeconds = (ctx: StateCtx, field: string, v: Json): Result<number, Failure> =>
  isInteger(v) && v > 0
    ? ok(v)
    : err(runtimeFailure(ctx, `The value of '${field}' must be a positive integer, got ${JSON.stringify(v)}`));

const timeoutJsonPath = (
  ctx: StateCtx,
  field: 'TimeoutSeconds' | 'HeartbeatSeconds',
  input: Json,
): Result<number | undefined, Failure> => {
  const literal = ctx.def[field];
  const path = field === 'TimeoutSeconds' ? ctx.def.TimeoutSecondsPath : ctx.def.HeartbeatSecondsPath;
  if (path !== undefined)
    return resolveReference(ctx, `${field}Path`, path, input).andThen((v) => positiveSeconds(ctx, `${field}Path`, v));
  return ok(typeof literal === 'number' ? literal : undefined);
};

const timeoutJsonata = async (
  ctx: StateCtx,
  field: 'TimeoutSeconds' | 'HeartbeatSeconds',
): Promise<Result<number | undefined, Failure>> => {
  const literal = ctx.def[field];
  if (literal === undefined || typeof literal === 'number') return ok(literal);
  const v = await evalJsonata(ctx, literal, field, { input: ctx.rawInput });
  return v.andThen((value) => positiveSeconds(ctx, field, value));
};

type Prepared = { args: Json; timeout: number | undefined; heartbeat: number | undefined };

const prepareJsonata = async (ctx: StateCtx, extras: ContextExtras): Promise<Result<Prepared, Failure>> => {
  const { def } = ctx;
  const args =
    def.Arguments === undefined
      ? ok<Json, Failure>(ctx.rawInput)
      : await evalJsonata(ctx, def.Arguments, 'Arguments', { input: ctx.rawInput }, extras);
  if (args.isErr()) return err(args.error);
  const timeout = await timeoutJsonata(ctx, 'TimeoutSeconds');
  if (timeout.isErr()) return err(timeout.error);
  const heartbeat = await timeoutJsonata(ctx, 'HeartbeatSeconds');
  return heartbeat.map((h) => ({ args: args.value, timeout: timeout.value, heartbeat: h }));
};

/** Straight-line on purpose: this runs for every task attempt. */
const prepareJsonPath = (ctx: StateCtx, effective: Json, extras: ContextExtras): Result<Prepared, Failure> => {
  if (ctx.def.Parameters === undefined) return withTimeouts(ctx, effective, effective);
  const args = applyTemplate(ctx, ctx.def.Parameters, effective, extras);
  return args.isErr() ? err(args.error) : withTimeouts(ctx, effective, args.value);
};

const withTimeouts = (ctx: StateCtx, effective: Json, args: Json): Result<Prepared, Failure> => {
  const { def } = ctx;
  if (def.TimeoutSecondsPath === undefined && def.HeartbeatSecondsPath === undefined) {
    const timeout = typeof def.TimeoutSeconds === 'number' ? def.TimeoutSeconds : undefined;
    const heartbeat = typeof def.HeartbeatSeconds === 'number' ? def.HeartbeatSeconds : undefined;
    return ok({ args, timeout, heartbeat });
  }
  const timeout = timeoutJsonPath(ctx, 'TimeoutSeconds', effective);
  if (timeout.isErr()) return err(timeout.error);
  const heartbeat = timeoutJsonPath(ctx, 'HeartbeatSeconds', effective);
  if (heartbeat.isErr()) return err(heartbeat.error);
  return ok({ args, timeout: timeout.value, heartbeat: heartbeat.value });
};

/** One attempt: a fresh token for callbacks, Parameters/Arguments, the resource, the result. */
const attempt = async (ctx: StateCtx, effective: Json): Promise<StepResult> => {
  const token = isCallback(ctx.def.Resource as string) ? ctx.exec.tokens.issue() : undefined;
  const extras: ContextExtras = token === undefined ? {} : { token };
  const prepared = ctx.ql === 'JSONata' ? await prepareJsonata(ctx, extras) : prepareJsonPath(ctx, effective, extras);
  if (prepared.isErr()) return failed(prepared.error);
  const { args, timeout, heartbeat } = prepared.value;
  const inputText = args === ctx.rawInput ? ctx.rawText : JSON.stringify(args);
  if (exceedsPayloadLimit(inputText)) {
    return failed(
      failure(
        States.DataLimitExceeded,
        `The input of state '${ctx.name}' after Parameters exceeds the maximum number of bytes service limit.`,
      ),
    );
  }
  const outcome = await invokeTask(ctx, {
    resource: ctx.def.Resource as string,
    input: args,
    inputText,
    token,
    timeoutSeconds: timeout,
    heartbeatSeconds: heartbeat,
    contextObject() {
      return contextObject(ctx, extras);
    },
  });
  if (outcome.kind === 'cancelled') return outcome;
  if (outcome.kind === 'failed') return failed(outcome.failure);
  // Awaited so that a synchronous JSONPath result does not cost the extra ticks of returning a promise.
  return await processResult(ctx, outcome.output);
};

export const runTask = (ctx: StateCtx): Promise<StepResult> => {
  const effective =
    ctx.ql === 'JSONata' ? ok<Json, Failure>(ctx.rawInput) : selectPath(ctx, ctx.def.InputPath, ctx.rawInput);
  if (effective.isErr()) return Promise.resolve(failed(effective.error));
  return withRetryAndCatch(ctx, () => attempt(ctx, effective.value));
};
