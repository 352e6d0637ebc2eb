import { type Failure, failure, States } from '../errors.ts';
import { exceedsPayloadLimit, toJson } from '../json.ts';
import type { Json } from '../types.ts';
import type { TaskContext, TaskHandler } from './exec.ts';
import { type InvokeOutcome, type InvokeRequest, PENDING } from './invoke-types.ts';
import type { Timer } from './scheduler.ts';
import type { StateCtx } from './state-io.ts';
import { taskEvents } from './task-events.ts';

const CALLBACK_SUFFIXES = ['.waitForTaskToken', '.sync:2', '.sync'];

const findHandler = (ctx: StateCtx, resource: string): TaskHandler | undefined => {
  const handlers = ctx.exec.options.taskHandlers ?? {};
  const bare = CALLBACK_SUFFIXES.reduce((r, s) => (r.endsWith(s) ? r.slice(0, -s.length) : r), resource);
  return handlers[ctx.name] ?? handlers[resource] ?? handlers[bare];
};

/** A thrown Error named N with message M fails the task with Error N and Cause M (Lambda style). */
const thrownFailure = (e: unknown): Failure => {
  if (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as Error).name === 'string' &&
    typeof (e as Error).message === 'string'
  ) {
    return failure((e as Error).name, (e as Error).message);
  }
  return failure('Error', typeof e === 'string' ? e : (toJson(e)?.text ?? String(e)));
};

/**
 * Runs a task's resource through its local handler, racing TimeoutSeconds, HeartbeatSeconds,
 * callbacks on the task token and cancellation. Records the Scheduled/Started/... events.
 */
export const invokeTask = (ctx: StateCtx, req: InvokeRequest): Promise<InvokeOutcome> => {
  const { exec, frame } = ctx;
  const events = taskEvents(ctx, req.resource);
  events.scheduled(req);
  const handler = findHandler(ctx, req.resource);
  if (handler === undefined) {
    const f = failure(
      States.TaskFailed,
      `No local handler for resource '${req.resource}' (state '${ctx.name}'); pass one in taskHandlers`,
    );
    events.failed(f);
    return Promise.resolve({ kind: 'failed', failure: f });
  }
  events.started();
  return new Promise<InvokeOutcome>((resolve) => {
    const work = exec.scheduler.begin();
    const abort = new AbortController();
    let settled = false;
    let heartbeatTimer: Timer | undefined;
    const timers: Timer[] = [];
    let offCancel = (): void => {};
    const settle = (outcome: InvokeOutcome, timedOut = false): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) t.cancel();
      heartbeatTimer?.cancel();
      offCancel();
      work.end();
      if (req.token !== undefined) exec.tokens.close(req.token, timedOut ? 'timedOut' : 'completed');
      if (outcome.kind !== 'succeeded') abort.abort();
      resolve(outcome);
    };
    const timeOut = (error: string): void => {
      const f = failure(error);
      events.timedOut(f);
      settle({ kind: 'failed', failure: f }, true);
    };
    const succeed = (value: unknown): void => {
      const json = toJson(value);
      if (json === undefined) {
        fail(failure(States.Runtime, `The handler of state '${ctx.name}' returned a value that is not JSON`));
      } else if (exceedsPayloadLimit(json.text)) {
        const message = `The state/task '${ctx.name}' returned a result with a size exceeding the maximum number of bytes service limit.`;
        fail(failure(States.DataLimitExceeded, message));
      } else {
        events.succeeded(json.text);
        settle({ kind: 'succeeded', output: json.json });
      }
    };
    const fail = (f: Failure): void => {
      events.failed(f);
      settle({ kind: 'failed', failure: f });
    };
    const armHeartbeat = (): void => {
      if (req.heartbeatSeconds === undefined || settled) return;
      heartbeatTimer?.cancel();
      heartbeatTimer = exec.scheduler.setTimer(req.heartbeatSeconds * 1000, () => timeOut(States.HeartbeatTimeout));
    };
    offCancel = frame.cancel.onCancel(() => settle({ kind: 'cancelled' }));
    if (settled) return;
    if (req.timeoutSeconds !== undefined)
      timers.push(exec.scheduler.setTimer(req.timeoutSeconds * 1000, () => timeOut(States.Timeout)));
    armHeartbeat();
    if (req.token !== undefined) {
      exec.tokens.open(req.token, {
        succeed: (output) => succeed(output),
        fail: (error, cause) => fail(failure(error ?? '', cause)),
        heartbeat: armHeartbeat,
      });
    }
    const context: TaskContext = {
      stateName: ctx.name,
      resource: req.resource,
      ...(req.token === undefined ? {} : { taskToken: req.token }),
      contextObject: req.contextObject,
      retryCount: ctx.retryCount,
      heartbeat: () => {
        if (!settled) armHeartbeat();
      },
      sleep: (seconds) =>
        new Promise<void>((done) => {
          work.suspend();
          const wake = () => {
            work.resume();
            done();
          };
          const t = exec.scheduler.setTimer(seconds * 1000, wake);
          abort.signal.addEventListener('abort', () => {
            t.cancel();
            wake();
          });
        }),
      signal: abort.signal,
    };
    Promise.resolve()
      .then(() => handler(JSON.parse(req.inputText) as Json, context))
      .then(
        (value) => {
          work.end();
          if (settled) return;
          if (value !== PENDING) succeed(value);
          else if (req.token !== undefined) events.submitted();
          else
            fail(
              failure(
                States.Runtime,
                `The handler of state '${ctx.name}' returned PENDING but '${req.resource}' is not a callback resource`,
              ),
            );
        },
        (e: unknown) => {
          work.end();
          if (!settled) fail(thrownFailure(e));
        },
      );
  });
};
