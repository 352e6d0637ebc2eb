import { type Failure, failure, States } from '../errors.ts';
import { exceedsPayloadLimit, toJson } from '../json.ts';
import type { Json } from '../types.ts';
import type { TaskContext, TaskHandler } from './exec.ts';
import { type InvokeOutcome, type InvokeRequest, PENDING } from './invoke-types.ts';
import type { Timer, Work } from './scheduler.ts';
import type { StateCtx } from './state-io.ts';
import {
  emitFailed,
  emitScheduled,
  emitStarted,
  emitSubmitted,
  emitSucceeded,
  emitTimedOut,
  type TaskEventInfo,
  taskEventInfo,
} from './task-events.ts';

// One attempt of a Task: the handler races TimeoutSeconds, HeartbeatSeconds, callbacks on the task
// token and cancellation; the first to finish settles the attempt. The attempt is a plain record
// driven by module functions, so a task creates no named closures on the hot path.

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

type Attempt = {
  readonly ctx: StateCtx;
  readonly req: InvokeRequest;
  readonly events: TaskEventInfo;
  readonly work: Work;
  readonly resolve: (o: InvokeOutcome) => void;
  settled: boolean;
  timeout: Timer | undefined;
  heartbeat: Timer | undefined;
  offCancel: (() => void) | undefined;
  abort: AbortController | undefined;
};

const settle = (a: Attempt, outcome: InvokeOutcome, timedOut = false): void => {
  if (a.settled) return;
  a.settled = true;
  a.timeout?.cancel();
  a.heartbeat?.cancel();
  a.offCancel?.();
  a.work.end();
  if (a.req.token !== undefined) a.ctx.exec.tokens.close(a.req.token, timedOut ? 'timedOut' : 'completed');
  if (outcome.kind !== 'succeeded') a.abort?.abort();
  a.resolve(outcome);
};

const fail = (a: Attempt, f: Failure): void => {
  if (a.settled) return;
  emitFailed(a.events, f);
  settle(a, { kind: 'failed', failure: f });
};

const timeOut = (a: Attempt, error: string): void => {
  if (a.settled) return;
  const f = failure(error);
  emitTimedOut(a.events, f);
  settle(a, { kind: 'failed', failure: f }, true);
};

const succeed = (a: Attempt, value: unknown): void => {
  if (a.settled) return;
  const json = toJson(value);
  if (json === undefined) {
    fail(a, failure(States.Runtime, `The handler of state '${a.ctx.name}' returned a value that is not JSON`));
  } else if (exceedsPayloadLimit(json.text)) {
    const message = `The state/task '${a.ctx.name}' returned a result with a size exceeding the maximum number of bytes service limit.`;
    fail(a, failure(States.DataLimitExceeded, message));
  } else {
    emitSucceeded(a.events, json.text);
    settle(a, { kind: 'succeeded', output: json.json });
  }
};

const armHeartbeat = (a: Attempt): void => {
  const seconds = a.req.heartbeatSeconds;
  if (seconds === undefined || a.settled) return;
  a.heartbeat?.cancel();
  a.heartbeat = a.ctx.exec.scheduler.setTimer(seconds * 1000, () => timeOut(a, States.HeartbeatTimeout));
};

/**
 * What a handler gets as its second argument. A class, unlike the rest of this adapter: an object
 * literal with a getter is built through V8's slow path and cost ~60 µs per task in the benchmark;
 * prototype accessors and methods cost nothing per instance.
 */
class HandlerContext implements TaskContext {
  readonly stateName: string;
  readonly resource: string;
  readonly taskToken?: string;
  readonly retryCount: number;
  readonly #attempt: Attempt;
  constructor(a: Attempt) {
    this.#attempt = a;
    this.stateName = a.ctx.name;
    this.resource = a.req.resource;
    if (a.req.token !== undefined) this.taskToken = a.req.token;
    this.retryCount = a.ctx.retryCount;
  }
  get contextObject(): Json {
    return this.#attempt.req.contextObject();
  }
  heartbeat(): void {
    armHeartbeat(this.#attempt);
  }
  sleep(seconds: number): Promise<void> {
    const a = this.#attempt;
    if (a.settled) return Promise.resolve();
    const signal = this.signal;
    return new Promise<void>((done) => {
      a.work.suspend();
      const timer = a.ctx.exec.scheduler.setTimer(seconds * 1000, () => {
        a.work.resume();
        done();
      });
      signal.addEventListener('abort', () => {
        timer.cancel();
        a.work.resume();
        done();
      });
    });
  }
  /** Created on first use: most handlers never look at it. */
  get signal(): AbortSignal {
    const a = this.#attempt;
    a.abort ??= new AbortController();
    if (a.settled) a.abort.abort();
    return a.abort.signal;
  }
}

const onHandlerResult = (a: Attempt, value: unknown): void => {
  a.work.end();
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
  a.work.end();
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
      work: ctx.exec.scheduler.begin(),
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
