import { errorOutput, type Failure, failure, States } from '../errors.ts';
import { applyResultPath } from '../jsonpath/result-path.ts';
import { findCatcher, findRetrier, retryDelaySeconds } from '../retry-catch.ts';
import type { Json, Retrier } from '../types.ts';
import { sleepIn } from './sleep.ts';
import { assignJsonPath, failed, jsonataOutputAndAssign, type StateCtx, type StepResult } from './state-io.ts';

/** A Catch: the error output goes through ResultPath (JSONPath) or Output (JSONata) to the catcher's Next. */
const applyCatch = async (ctx: StateCtx, f: Failure): Promise<StepResult> => {
  const catcher = findCatcher(ctx.def.Catch, f.error);
  if (catcher === undefined) return failed(f);
  const errOut = errorOutput(f);
  if (ctx.ql === 'JSONata') {
    const r = await jsonataOutputAndAssign(
      ctx,
      { input: ctx.rawInput, errorOutput: errOut },
      errOut,
      catcher.Output,
      catcher.Assign,
    );
    if (r.isErr()) return failed(r.error);
    const { output, assign } = r.value;
    return assign === undefined
      ? { kind: 'next', next: catcher.Next, output }
      : { kind: 'next', next: catcher.Next, output, assign };
  }
  const assign = assignJsonPath(ctx, errOut, catcher.Assign);
  if (assign.isErr()) return failed(assign.error);
  const placed = applyResultPath(catcher.ResultPath, ctx.rawInput, errOut);
  if (placed.isErr()) return failed(failure(States.ResultPathMatchFailure, placed.error));
  const output: Json = placed.value;
  return assign.value === undefined
    ? { kind: 'next', next: catcher.Next, output }
    : { kind: 'next', next: catcher.Next, output, assign: assign.value };
};

/**
 * Runs an attempt of a Task, Parallel or Map state under its Retry and Catch fields. Each retrier
 * counts its own retries within this visit of the state (a retrier's MaxAttempts spans every error
 * it matches); only the first matching retrier is considered.
 */
export const withRetryAndCatch = async (ctx: StateCtx, attempt: () => Promise<StepResult>): Promise<StepResult> => {
  let used: Map<number, number> | undefined;
  for (;;) {
    const r = await attempt();
    if (r.kind !== 'failed') return r;
    const index = findRetrier(ctx.def.Retry, r.failure.error);
    if (index >= 0) {
      const retrier = (ctx.def.Retry as Retrier[])[index] as Retrier;
      used ??= new Map();
      const count = used.get(index) ?? 0;
      const delay = retryDelaySeconds(retrier, count, ctx.exec.random);
      if (delay !== undefined) {
        used.set(index, count + 1);
        ctx.retryCount++;
        if (!(await sleepIn(ctx, Math.round(delay * 1000)))) return { kind: 'cancelled' };
        continue;
      }
    }
    return applyCatch(ctx, r.failure);
  }
};
