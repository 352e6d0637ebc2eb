import { type Failure, failure, States } from '../errors.ts';
import { exceedsPayloadLimit, toJson } from '../json.ts';
import type { InvokeOutcome, InvokeRequest } from './invoke-types.ts';
import type { Timer, Work } from './scheduler.ts';
import type { StateCtx } from './state-io.ts';
import { emitFailed, emitSucceeded, emitTimedOut, type TaskEventInfo } from './task-events.ts';

// The state of one task attempt and the ways it can settle: success, failure, timeout, heartbeat
// timeout or cancellation; whichever comes first wins. A plain record driven by module functions,
// so that a task creates no named closures on the hot path.

export type Attempt = {
  readonly ctx: StateCtx;
  readonly req: InvokeRequest;
  readonly events: TaskEventInfo;
  /** Marks the handler as in flight for the virtual clock; only created once the handler goes async. */
  work: Work | undefined;
  readonly resolve: (o: InvokeOutcome) => void;
  settled: boolean;
  timeout: Timer | undefined;
  heartbeat: Timer | undefined;
  offCancel: (() => void) | undefined;
  abort: AbortController | undefined;
};

export const settle = (a: Attempt, outcome: InvokeOutcome, timedOut = false): void => {
  if (a.settled) return;
  a.settled = true;
  a.timeout?.cancel();
  a.heartbeat?.cancel();
  a.offCancel?.();
  a.work?.end();
  if (a.req.token !== undefined) a.ctx.exec.tokens.close(a.req.token, timedOut ? 'timedOut' : 'completed');
  if (outcome.kind !== 'succeeded') a.abort?.abort();
  a.resolve(outcome);
};

export const fail = (a: Attempt, f: Failure): void => {
  if (a.settled) return;
  emitFailed(a.events, f);
  settle(a, { kind: 'failed', failure: f });
};

export const timeOut = (a: Attempt, error: string): void => {
  if (a.settled) return;
  const f = failure(error);
  emitTimedOut(a.events, f);
  settle(a, { kind: 'failed', failure: f }, true);
};

export const succeed = (a: Attempt, value: unknown): void => {
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

/** The attempt's Work, created on first need. */
export const workOf = (a: Attempt): Work => {
  a.work ??= a.ctx.exec.scheduler.begin();
  return a.work;
};

export const armHeartbeat = (a: Attempt): void => {
  const seconds = a.req.heartbeatSeconds;
  if (seconds === undefined || a.settled) return;
  a.heartbeat?.cancel();
  a.heartbeat = a.ctx.exec.scheduler.setTimer(seconds * 1000, () => timeOut(a, States.HeartbeatTimeout));
};
