import { type Failure, failure, States } from '../errors.ts';
import { PAYLOAD_LIMIT_BYTES } from '../json.ts';
import { exceedsLimit } from '../json-copy.ts';
import { boundedAtSite } from '../json-copy-site.ts';
import type { Json } from '../types.ts';
import { LazyText } from './lazy-text.ts';
import { processResult } from './result-output.ts';
import { retryOrCatch } from './retry-catch-loop.ts';
import type { Timer, Work } from './scheduler.ts';
import type { StateCtx, StepResult } from './state-io.ts';
import { emitFailed, emitSucceeded, emitTimedOut } from './task-events.ts';
import { type TaskEventNames, taskPlan } from './task-plan.ts';

// The state of one task attempt and the ways it can settle: success, failure, timeout, heartbeat
// timeout or cancellation; whichever comes first wins. Settling produces the state's step result
// right away (the result processed through ResultSelector/ResultPath/OutputPath, or what Retry and
// Catch make of a failure), so that a task costs one promise and no hops in between.
// A plain record driven by module functions: a task creates no named closures on the hot path.

/** Runs the next attempt of the state after a retry delay (the Task state's attempt function). */
export type Again = (ctx: StateCtx, effective: Json) => StepResult | Promise<StepResult>;

export type Attempt = {
  readonly ctx: StateCtx;
  /** The state's effective input (after InputPath): what the next attempt starts from. */
  readonly effective: Json;
  readonly again: Again;
  readonly names: TaskEventNames;
  readonly resource: string;
  /** The input sent to the resource (after Parameters/Arguments), as recorded in the history. */
  readonly payload: LazyText;
  readonly token: string | undefined;
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
  /** Marks the handler as in flight for the virtual clock; only created once the handler goes async. */
  work: Work | undefined;
  settled: boolean;
  /** Set once the caller waits on a promise; until then a settled attempt leaves its result in `result`. */
  resolve: ((r: StepResult | Promise<StepResult>) => void) | undefined;
  result: StepResult | Promise<StepResult> | undefined;
  timeout: Timer | undefined;
  heartbeat: Timer | undefined;
  /** True while the attempt holds its frame's cancellation slot. */
  holding: boolean;
  abort: AbortController | undefined;
};

const CANCELLED: StepResult = Object.freeze({ kind: 'cancelled' });

/** Ends the attempt's timers, cancellation slot, work and token; false if it had already settled. */
const close = (a: Attempt, succeeded: boolean, timedOut: boolean): boolean => {
  if (a.settled) return false;
  a.settled = true;
  a.timeout?.cancel();
  a.heartbeat?.cancel();
  if (a.holding) {
    a.holding = false;
    a.ctx.frame.cancel.release();
  }
  a.work?.end();
  if (a.token !== undefined) a.ctx.exec.tokens.close(a.token, timedOut ? 'timedOut' : 'completed');
  if (!succeeded) a.abort?.abort();
  return true;
};

const deliver = (a: Attempt, next: StepResult | Promise<StepResult>): void => {
  if (a.resolve === undefined) a.result = next;
  else a.resolve(next);
};

// An exception while computing the step result is an interpreter bug: it rejects, as it would have
// in the awaiting state loop, so that the execution reports it.

const settleSucceeded = (a: Attempt, output: Json, bound: number): void => {
  if (!close(a, true, false)) return;
  let next: StepResult | Promise<StepResult>;
  try {
    next = processResult(a.ctx, output, bound);
  } catch (e) {
    next = Promise.reject(e);
  }
  deliver(a, next);
};

const settleFailed = (a: Attempt, f: Failure, timedOut: boolean): void => {
  if (!close(a, false, timedOut)) return;
  let next: StepResult | Promise<StepResult>;
  try {
    next = retryOrCatch(a.ctx, f, a.again, a.effective);
  } catch (e) {
    next = Promise.reject(e);
  }
  deliver(a, next);
};

/** The step result of the attempt: at once when it settled synchronously, else a promise of it. */
export const outcomeOf = (a: Attempt): StepResult | Promise<StepResult> =>
  a.settled
    ? (a.result as StepResult | Promise<StepResult>)
    : new Promise((resolve) => {
        a.resolve = resolve;
      });

export const cancelAttempt = (a: Attempt): void => {
  if (close(a, false, false)) deliver(a, CANCELLED);
};

export const fail = (a: Attempt, f: Failure): void => {
  if (a.settled) return;
  emitFailed(a, f);
  settleFailed(a, f, false);
};

export const timeOut = (a: Attempt, error: string): void => {
  if (a.settled) return;
  const f = failure(error);
  emitTimedOut(a, f);
  settleFailed(a, f, true);
};

/** A result: a detached copy (the handler may keep and change what it returned), its size bounded on the way. */
export const succeed = (a: Attempt, value: unknown): void => {
  if (a.settled) return;
  const copied = boundedAtSite(taskPlan(a.ctx.state).resultCopy, value);
  if (copied === undefined) {
    fail(a, failure(States.Runtime, `The handler of state '${a.ctx.name}' returned a value that is not JSON`));
  } else if (exceedsLimit(copied, PAYLOAD_LIMIT_BYTES)) {
    const message = `The state/task '${a.ctx.name}' returned a result with a size exceeding the maximum number of bytes service limit.`;
    fail(a, failure(States.DataLimitExceeded, message));
  } else {
    emitSucceeded(a, new LazyText(copied.json));
    settleSucceeded(a, copied.json, copied.bound);
  }
};

/** The attempt's Work, created on first need. */
export const workOf = (a: Attempt): Work => {
  a.work ??= a.ctx.exec.scheduler.begin();
  return a.work;
};

export const armHeartbeat = (a: Attempt): void => {
  const seconds = a.heartbeatSeconds;
  if (seconds === undefined || a.settled) return;
  a.heartbeat?.cancel();
  a.heartbeat = a.ctx.exec.scheduler.setTimer(seconds * 1000, () => timeOut(a, States.HeartbeatTimeout));
};
