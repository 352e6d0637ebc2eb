import { errorOutput, type Failure, failure, States } from '../errors.ts';
import { applyResultPath } from '../jsonpath/result-path.ts';
import { findCatcher, findRetrier, retryDelaySeconds } from '../retry-catch.ts';
import type { Json, Retrier } from '../types.ts';
import { sleepIn } from './sleep.ts';
import { assignJsonPath, failed, jsonataOutputAndAssign, moveOn, type StateCtx, type StepResult } from './state-io.ts';

const CANCELLED: StepResult = Object.freeze({ kind: 'cancelled' });

const caught = (next: string, output: Json, assign: Record<string, Json> | undefined): StepResult =>
  moveOn(next, output, assign);

const applyCatchJsonata = async (ctx: StateCtx, f: Failure): Promise<StepResult> => {
  const catcher = findCatcher(ctx.def.Catch, f.error);
  if (catcher === undefined) return failed(f);
  const errOut = errorOutput(f);
  const r = await jsonataOutputAndAssign(
    ctx,
    { input: ctx.rawInput, errorOutput: errOut },
    errOut,
    catcher.Output,
    catcher.Assign,
  );
  return r.isErr() ? failed(r.error) : caught(catcher.Next, r.value.output, r.value.assign);
};

/**
 * A Catch: the error output goes through ResultPath (JSONPath) or Output (JSONata) to the catcher's
 * Next; no matching catcher leaves the failure as it is. Synchronous in JSONPath mode.
 */
export const applyCatch = (ctx: StateCtx, f: Failure): StepResult | Promise<StepResult> => {
  if (ctx.ql === 'JSONata') return applyCatchJsonata(ctx, f);
  const catcher = findCatcher(ctx.def.Catch, f.error);
  if (catcher === undefined) return failed(f);
  const errOut = errorOutput(f);
  const assign = assignJsonPath(ctx, errOut, catcher.Assign);
  if (assign.isErr()) return failed(assign.error);
  const placed = applyResultPath(catcher.ResultPath, ctx.rawInput, errOut);
  if (placed.isErr()) return failed(failure(States.ResultPathMatchFailure, placed.error));
  return caught(catcher.Next, placed.value, assign.value);
};

/**
 * The delay in milliseconds before the next attempt when a retrier takes the failure, counting
 * the retry; undefined when none does. Each retrier counts its own retries within this visit of
 * the state (a retrier's MaxAttempts spans every error it matches); only the first matching
 * retrier is considered.
 */
export const takeRetry = (ctx: StateCtx, f: Failure): number | undefined => {
  const index = findRetrier(ctx.def.Retry, f.error);
  if (index < 0) return undefined;
  const retrier = (ctx.def.Retry as Retrier[])[index] as Retrier;
  ctx.retriesUsed ??= new Map();
  const count = ctx.retriesUsed.get(index) ?? 0;
  const delay = retryDelaySeconds(retrier, count, ctx.exec.random);
  if (delay === undefined) return undefined;
  ctx.retriesUsed.set(index, count + 1);
  ctx.retryCount++;
  return Math.round(delay * 1000);
};

/**
 * What follows a failed attempt of a Task: the next attempt once the retrier's delay has passed, or
 * the Catch. `again` runs that next attempt; a Task's happy path never gets here.
 */
export const retryOrCatch = (
  ctx: StateCtx,
  f: Failure,
  again: (ctx: StateCtx, effective: Json) => StepResult | Promise<StepResult>,
  effective: Json,
): StepResult | Promise<StepResult> => {
  const delay = takeRetry(ctx, f);
  if (delay === undefined) return applyCatch(ctx, f);
  return sleepIn(ctx, delay).then((alive) => (alive ? again(ctx, effective) : CANCELLED));
};

/** Runs the attempts of a Parallel or Map state under its Retry and Catch fields. */
export const withRetryAndCatch = async (ctx: StateCtx, attempt: () => Promise<StepResult>): Promise<StepResult> => {
  for (;;) {
    const r = await attempt();
    if (r.kind !== 'failed') return r;
    const delay = takeRetry(ctx, r.failure);
    if (delay === undefined) return applyCatch(ctx, r.failure);
    if (!(await sleepIn(ctx, delay))) return CANCELLED;
  }
};
