import { type Failure, failure, States } from '../errors.ts';
import { toJson } from '../json.ts';
import { copyAtSite } from '../json-copy-site.ts';
import type { Json } from '../types.ts';
import type { TaskHandler } from './exec.ts';
import { HandlerContext } from './handler-context.ts';
import { PENDING } from './invoke-types.ts';
import type { LazyText } from './lazy-text.ts';
import { retryOrCatch } from './retry-catch-loop.ts';
import type { InFlight, StateCtx, StepResult } from './state-io.ts';
import {
  type Again,
  type Attempt,
  armHeartbeat,
  cancelAttempt,
  fail,
  outcomeOf,
  succeed,
  timeOut,
  workOf,
} from './task-attempt.ts';
import { emitFailed, emitScheduled, emitStarted, emitSubmitted } from './task-events.ts';
import { type TaskPlan, taskPlan } from './task-plan.ts';

// Runs a task's resource through its local handler: finds the handler, records the Scheduled and
// Started events, opens the task token, arms the timers and calls the handler.

const CALLBACK_SUFFIXES = ['.waitForTaskToken', '.sync:2', '.sync'];

const bareResource = (resource: string): string => {
  for (const suffix of CALLBACK_SUFFIXES) if (resource.endsWith(suffix)) return resource.slice(0, -suffix.length);
  return resource;
};

/**
 * The state name's handler, else the resource's, else the bare resource's. The last answer is kept
 * on the plan and reused while the same handlers object still holds it under the same key and
 * still has nothing under the keys that come before it: one property read instead of up to three
 * own-property tests, and a handlers object changed between runs is still seen. The read under the
 * state's name goes through the plan's own reader; the resource keys are read where they are, as
 * states sharing a resource share its name.
 */
const findHandler = (ctx: StateCtx, plan: TaskPlan): TaskHandler | undefined => {
  const handlers = ctx.exec.options.taskHandlers;
  if (handlers === undefined) return undefined;
  const last = plan.lookup;
  if (last !== undefined && last.handlers === handlers) {
    const byName = plan.readByName(handlers);
    if (last.key === ctx.name) {
      if (byName === last.handler) return last.handler;
    } else if (
      byName === undefined &&
      handlers[last.key] === last.handler &&
      (last.key === plan.resource || handlers[plan.resource] === undefined)
    )
      return last.handler;
  }
  const { resource } = plan;
  const bare = bareResource(resource);
  // Own properties only: a state named "constructor" must not find Object.prototype.constructor.
  const key = Object.hasOwn(handlers, ctx.name)
    ? ctx.name
    : Object.hasOwn(handlers, resource)
      ? resource
      : Object.hasOwn(handlers, bare)
        ? bare
        : undefined;
  const handler = key === undefined ? undefined : handlers[key];
  plan.lookup = key === undefined || handler === undefined ? undefined : { handlers, key, handler };
  return handler;
};

/** A thrown Error named N with message M fails the task with Error N and Cause M (Lambda style). */
const thrownFailure = (e: unknown): Failure => {
  const named = e as { name?: unknown; message?: unknown } | null;
  if (typeof e === 'object' && named !== null && typeof named.name === 'string' && typeof named.message === 'string') {
    return failure(named.name, named.message);
  }
  return failure('Error', typeof e === 'string' ? e : (toJson(e)?.text ?? String(e)));
};

const onHandlerResult = (a: Attempt, value: unknown): void => {
  a.work?.end();
  if (a.settled) return;
  if (value !== PENDING) succeed(a, value);
  else if (a.token !== undefined) emitSubmitted(a);
  else
    fail(
      a,
      failure(
        States.Runtime,
        `The handler of state '${a.ctx.name}' returned PENDING but '${a.resource}' is not a callback resource`,
      ),
    );
};

const onHandlerError = (a: Attempt, e: unknown): void => {
  a.work?.end();
  fail(a, thrownFailure(e));
};

/** The state loop awaits the handler's promise itself, then lands the attempt with what it gave. */
class Landing implements InFlight {
  readonly kind = 'inflight';
  readonly promise: Promise<unknown>;
  readonly #attempt: Attempt;
  constructor(a: Attempt, promise: Promise<unknown>) {
    this.#attempt = a;
    this.promise = promise;
  }
  land(value: unknown, threw: boolean): StepResult | Promise<StepResult> {
    if (threw) onHandlerError(this.#attempt, value);
    else onHandlerResult(this.#attempt, value);
    return outcomeOf(this.#attempt);
  }
}

/** Opens the attempt's task token: SendTaskSuccess/Failure/Heartbeat reach the attempt through it. */
const openToken = (a: Attempt, token: string): void => {
  a.ctx.exec.tokens.open(token, {
    succeed(output: Json) {
      succeed(a, output);
    },
    fail(error: string | undefined, cause: string | undefined) {
      fail(a, failure(error ?? '', cause));
    },
    heartbeat() {
      armHeartbeat(a);
    },
  });
};

/** Arms what may end the attempt besides the handler, then calls the handler. */
const start = (a: Attempt, handler: TaskHandler, input: Json): StepResult | Promise<StepResult> => {
  const { exec, frame } = a.ctx;
  a.holding = true;
  frame.cancel.hold(a, cancelAttempt);
  if (a.settled) return outcomeOf(a);
  if (a.timeoutSeconds !== undefined)
    a.timeout = exec.scheduler.setTimer(a.timeoutSeconds * 1000, () => timeOut(a, States.Timeout));
  armHeartbeat(a);
  if (a.token !== undefined) openToken(a, a.token);
  // The handler is called right away (no extra microtask); a thrown error or rejection fails the task.
  let value: unknown;
  try {
    value = handler(input, new HandlerContext(a));
  } catch (e) {
    onHandlerError(a, e);
    return outcomeOf(a);
  }
  if (typeof (value as PromiseLike<unknown> | null)?.then === 'function') {
    // While the returned promise is pending the handler is in flight: virtual time waits for it.
    if (!a.settled) workOf(a);
    // Nothing but the handler can end it: the state loop awaits the handler's promise itself.
    if (value instanceof Promise && onlyHandlerSettles(a)) return new Landing(a, value);
    (value as PromiseLike<unknown>).then(
      (v) => onHandlerResult(a, v),
      (e: unknown) => onHandlerError(a, e),
    );
  } else onHandlerResult(a, value);
  return outcomeOf(a);
};

/**
 * True when nothing but the handler can end the attempt in a way someone waits for: no timeout,
 * heartbeat or task token, and the top-level frame, whose only cancellation is the execution's end
 * (stop, execution timeout, history quota), after which nobody waits for the state loop. A Parallel
 * branch or Map iteration is cancelled by a failing sibling and must stop at once, so it keeps the
 * attempt's own promise, which cancellation resolves.
 */
const onlyHandlerSettles = (a: Attempt): boolean =>
  a.timeoutSeconds === undefined &&
  a.heartbeatSeconds === undefined &&
  a.token === undefined &&
  a.ctx.frame === a.ctx.exec.rootFrame;

/**
 * Runs one attempt of a task's resource through its local handler, recording the Scheduled/Started/...
 * events, and gives the state's step result: synchronously when the handler answered synchronously,
 * as an InFlight for the state loop to await when only the handler's promise can end the attempt.
 * `input` is what the resource gets (after Parameters/Arguments), recorded as `payload`.
 */
export const invokeTask = (
  ctx: StateCtx,
  effective: Json,
  again: Again,
  input: Json,
  payload: LazyText,
  token: string | undefined,
  timeoutSeconds: number | undefined,
  heartbeatSeconds: number | undefined,
): StepResult | Promise<StepResult> => {
  // The attempt record is the request too: no separate object per attempt.
  const plan = taskPlan(ctx.state);
  const { resource } = plan;
  const a: Attempt = {
    ctx,
    effective,
    again,
    names: plan.names,
    resource,
    payload,
    token,
    timeoutSeconds,
    heartbeatSeconds,
    work: undefined,
    settled: false,
    resolve: undefined,
    result: undefined,
    timeout: undefined,
    heartbeat: undefined,
    holding: false,
    abort: undefined,
  };
  emitScheduled(a);
  const handler = findHandler(ctx, plan);
  if (handler === undefined) {
    const f = failure(
      States.TaskFailed,
      `No local handler for resource '${resource}' (state '${ctx.name}'); pass one in taskHandlers`,
    );
    emitFailed(a, f);
    return retryOrCatch(ctx, f, again, effective);
  }
  emitStarted(a);
  // The handler gets its own copy: whatever it does to its input stays out of the execution.
  return start(a, handler, copyAtSite(plan.inputCopy, input));
};
