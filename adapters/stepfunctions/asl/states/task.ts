import { err, ok, type Result } from 'neverthrow';
import { type Failure, failure, States } from '../errors.ts';
import { exceedsPayloadLimit, isInteger, PAYLOAD_LIMIT_BYTES } from '../json.ts';
import { invokeTask } from '../runtime/invoke-task.ts';
import { LazyText } from '../runtime/lazy-text.ts';
import { retryOrCatch } from '../runtime/retry-catch-loop.ts';
import {
  applyTemplate,
  type ContextExtras,
  evalJsonata,
  failed,
  runtimeFailure,
  type StateCtx,
  type StepResult,
  selectPath,
} from '../runtime/state-io.ts';
import { taskPlan } from '../runtime/task-plan.ts';
import type { Json } from '../types.ts';
import { resolveReference } from './wait.ts';

// Task, JSONPath: InputPath → Parameters → resource → ResultSelector → ResultPath → OutputPath,
// with Assign seeing the raw result. JSONata: Arguments → resource → Output/Assign.
// Retry re-runs everything after InputPath; every attempt of a callback task gets a new token.

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

const extrasOf = (token: string | undefined): ContextExtras | undefined =>
  token === undefined ? undefined : { token };

const prepareJsonata = async (ctx: StateCtx, token: string | undefined): Promise<Result<Prepared, Failure>> => {
  const { def } = ctx;
  const args =
    def.Arguments === undefined
      ? ok<Json, Failure>(ctx.rawInput)
      : await evalJsonata(ctx, def.Arguments, 'Arguments', { input: ctx.rawInput }, extrasOf(token));
  if (args.isErr()) return err(args.error);
  const timeout = await timeoutJsonata(ctx, 'TimeoutSeconds');
  if (timeout.isErr()) return err(timeout.error);
  const heartbeat = await timeoutJsonata(ctx, 'HeartbeatSeconds');
  return heartbeat.map((h) => ({ args: args.value, timeout: timeout.value, heartbeat: h }));
};

const timeoutsFromPaths = (ctx: StateCtx, effective: Json, args: Json): Result<Prepared, Failure> => {
  const timeout = timeoutJsonPath(ctx, 'TimeoutSeconds', effective);
  if (timeout.isErr()) return err(timeout.error);
  const heartbeat = timeoutJsonPath(ctx, 'HeartbeatSeconds', effective);
  if (heartbeat.isErr()) return err(heartbeat.error);
  return ok({ args, timeout: timeout.value, heartbeat: heartbeat.value });
};

const tooLargeInput = (ctx: StateCtx) =>
  failure(
    States.DataLimitExceeded,
    `The input of state '${ctx.name}' after Parameters exceeds the maximum number of bytes service limit.`,
  );

/** Sends the prepared input to the resource. */
const send = (
  ctx: StateCtx,
  effective: Json,
  token: string | undefined,
  args: Json,
  timeout: number | undefined,
  heartbeat: number | undefined,
): StepResult | Promise<StepResult> => {
  let payload: LazyText;
  if (args === ctx.rawInput) {
    // The state's input as it is: its size is already bounded, measured only if the bound says so.
    payload = ctx.rawPayload;
    if (ctx.inputBound > PAYLOAD_LIMIT_BYTES && exceedsPayloadLimit(payload.text))
      return retryOrCatch(ctx, tooLargeInput(ctx), attempt, effective);
  } else {
    const text = JSON.stringify(args);
    if (exceedsPayloadLimit(text)) return retryOrCatch(ctx, tooLargeInput(ctx), attempt, effective);
    payload = new LazyText(args, text);
  }
  return invokeTask(ctx, effective, attempt, args, payload, token, timeout, heartbeat);
};

const attemptJsonata = async (ctx: StateCtx, effective: Json, token: string | undefined): Promise<StepResult> => {
  const prepared = await prepareJsonata(ctx, token);
  if (prepared.isErr()) return retryOrCatch(ctx, prepared.error, attempt, effective);
  const { args, timeout, heartbeat } = prepared.value;
  return send(ctx, effective, token, args, timeout, heartbeat);
};

/**
 * One attempt: a fresh token for callbacks, Parameters/Arguments, the resource, the result; a
 * failure goes to Retry/Catch, whose retry runs this again. Straight-line and synchronous up to
 * the handler call in JSONPath mode: this runs for every task attempt.
 */
const attempt = (ctx: StateCtx, effective: Json): StepResult | Promise<StepResult> => {
  const token = taskPlan(ctx.state).callback ? ctx.exec.tokens.issue() : undefined;
  if (ctx.ql === 'JSONata') return attemptJsonata(ctx, effective, token);
  const { def } = ctx;
  let args = effective;
  if (def.Parameters !== undefined) {
    const applied = applyTemplate(ctx, def.Parameters, effective, extrasOf(token));
    if (applied.isErr()) return retryOrCatch(ctx, applied.error, attempt, effective);
    args = applied.value;
  }
  if (def.TimeoutSecondsPath === undefined && def.HeartbeatSecondsPath === undefined) {
    const timeout = typeof def.TimeoutSeconds === 'number' ? def.TimeoutSeconds : undefined;
    const heartbeat = typeof def.HeartbeatSeconds === 'number' ? def.HeartbeatSeconds : undefined;
    return send(ctx, effective, token, args, timeout, heartbeat);
  }
  const prepared = timeoutsFromPaths(ctx, effective, args);
  if (prepared.isErr()) return retryOrCatch(ctx, prepared.error, attempt, effective);
  return send(ctx, effective, token, args, prepared.value.timeout, prepared.value.heartbeat);
};

export const runTask = (ctx: StateCtx): StepResult | Promise<StepResult> => {
  const path = ctx.def.InputPath;
  if (ctx.ql === 'JSONata' || path === undefined || path === '$') return attempt(ctx, ctx.rawInput);
  const effective = selectPath(ctx, path, ctx.rawInput);
  return effective.isErr() ? failed(effective.error) : attempt(ctx, effective.value);
};
