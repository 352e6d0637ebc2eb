import { type Failure, failure, States } from '../errors.ts';
import { toJson } from '../json.ts';
import type { Json } from '../types.ts';
import type { TaskHandler } from './exec.ts';
import { HandlerContext } from './handler-context.ts';
import { type InvokeOutcome, type InvokeRequest, PENDING } from './invoke-types.ts';
import type { StateCtx } from './state-io.ts';
import { type Attempt, armHeartbeat, fail, settle, succeed, timeOut, workOf } from './task-attempt.ts';
import { emitFailed, emitScheduled, emitStarted, emitSubmitted, taskEventInfo } from './task-events.ts';

// Runs a task's resource through its local handler: finds the handler, records the Scheduled and
// Started events, opens the task token, arms the timers and calls the handler.

const CALLBACK_SUFFIXES = ['.waitForTaskToken', '.sync:2', '.sync'];

const bareResource = (resource: string): string => {
  for (const suffix of CALLBACK_SUFFIXES) if (resource.endsWith(suffix)) return resource.slice(0, -suffix.length);
  return resource;
};

/** Own properties only: a state named "constructor" must not find Object.prototype.constructor. */
const own = (handlers: Readonly<Record<string, TaskHandler>>, key: string): TaskHandler | undefined =>
  Object.hasOwn(handlers, key) ? handlers[key] : undefined;

const findHandler = (ctx: StateCtx, resource: string): TaskHandler | undefined => {
  const handlers = ctx.exec.options.taskHandlers;
  if (handlers === undefined) return undefined;
  return own(handlers, ctx.name) ?? own(handlers, resource) ?? own(handlers, bareResource(resource));
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
  else if (a.req.token !== undefined) emitSubmitted(a.events);
  else
    fail(
      a,
      failure(
        States.Runtime,
        `The handler of state '${a.ctx.name}' returned PENDING but '${a.req.resource}' is not a callback resource`,
      ),
    );
};

const onHandlerError = (a: Attempt, e: unknown): void => {
  a.work?.end();
  fail(a, thrownFailure(e));
};

const start = (a: Attempt, handler: TaskHandler): void => {
  const { exec, frame } = a.ctx;
  a.offCancel = frame.cancel.onCancel(() => settle(a, { kind: 'cancelled' }));
  if (a.settled) return;
  if (a.req.timeoutSeconds !== undefined)
    a.timeout = exec.scheduler.setTimer(a.req.timeoutSeconds * 1000, () => timeOut(a, States.Timeout));
  armHeartbeat(a);
  if (a.req.token !== undefined) {
    exec.tokens.open(a.req.token, {
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
  }
  // The handler is called right away (no extra microtask); a thrown error or rejection fails the task.
  let value: unknown;
  try {
    value = handler(JSON.parse(a.req.inputText) as Json, new HandlerContext(a));
  } catch (e) {
    onHandlerError(a, e);
    return;
  }
  if (typeof (value as PromiseLike<unknown> | null)?.then === 'function') {
    // While the returned promise is pending the handler is in flight: virtual time waits for it.
    if (!a.settled) workOf(a);
    (value as PromiseLike<unknown>).then(
      (v) => onHandlerResult(a, v),
      (e: unknown) => onHandlerError(a, e),
    );
  } else onHandlerResult(a, value);
};

/** Runs a task's resource through its local handler and records the Scheduled/Started/... events. */
export const invokeTask = (ctx: StateCtx, req: InvokeRequest): Promise<InvokeOutcome> => {
  const events = taskEventInfo(ctx, req.resource);
  emitScheduled(events, req);
  const handler = findHandler(ctx, req.resource);
  if (handler === undefined) {
    const f = failure(
      States.TaskFailed,
      `No local handler for resource '${req.resource}' (state '${ctx.name}'); pass one in taskHandlers`,
    );
    emitFailed(events, f);
    return Promise.resolve({ kind: 'failed', failure: f });
  }
  emitStarted(events);
  return new Promise<InvokeOutcome>((resolve) => {
    const attempt: Attempt = {
      ctx,
      req,
      events,
      work: undefined,
      resolve,
      settled: false,
      timeout: undefined,
      heartbeat: undefined,
      offCancel: undefined,
      abort: undefined,
    };
    start(attempt, handler);
  });
};
