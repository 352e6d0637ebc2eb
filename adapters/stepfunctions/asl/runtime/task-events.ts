import type { Failure } from '../errors.ts';
import { EMPTY_DETAILS } from './history.ts';
import type { LazyText } from './lazy-text.ts';
import type { StateCtx } from './state-io.ts';
import type { TaskEventNames } from './task-plan.ts';

// History events of a task attempt, named as the state's plan says (runtime/task-plan.ts).

/** What the task events need: the attempt record satisfies it, so no extra object is built per attempt. */
export type TaskEventInfo = {
  readonly ctx: StateCtx;
  readonly names: TaskEventNames;
  readonly payload: LazyText;
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
};

const emit = (info: TaskEventInfo, type: string, details: Readonly<Record<string, unknown>>) =>
  info.ctx.exec.emit(info.ctx.frame, type, details);

const NOT_TRUNCATED = Object.freeze({ truncated: false });

/** A fresh details object holding the resource ids, if the event type has them. */
const withIds = (info: TaskEventInfo): Record<string, unknown> => {
  const ids = info.names.ids;
  return ids === undefined ? {} : { resourceType: ids.resourceType, resource: ids.resource };
};

export const emitScheduled = (info: TaskEventInfo) => {
  const { names } = info;
  // Whole literals rather than fields added one by one: this runs for every task.
  const d: Record<string, unknown> =
    names.ids === undefined
      ? { resource: names.resource, input: info.payload, inputDetails: NOT_TRUNCATED }
      : {
          resourceType: names.ids.resourceType,
          resource: names.ids.resource,
          region: names.region,
          parameters: info.payload,
        };
  if (info.timeoutSeconds !== undefined) d.timeoutInSeconds = info.timeoutSeconds;
  if (info.heartbeatSeconds !== undefined) d.heartbeatInSeconds = info.heartbeatSeconds;
  return emit(info, info.names.types.scheduled, d);
};

export const emitStarted = (info: TaskEventInfo) => {
  const ids = info.names.ids;
  const d = ids === undefined ? EMPTY_DETAILS : { resourceType: ids.resourceType, resource: ids.resource };
  return emit(info, info.names.types.started, d);
};

export const emitSubmitted = (info: TaskEventInfo) => {
  const d = withIds(info);
  d.output = '{}';
  d.outputDetails = NOT_TRUNCATED;
  return emit(info, 'TaskSubmitted', d);
};

export const emitSucceeded = (info: TaskEventInfo, output: LazyText) => {
  const ids = info.names.ids;
  const d =
    ids === undefined
      ? { output, outputDetails: NOT_TRUNCATED }
      : { resourceType: ids.resourceType, resource: ids.resource, output, outputDetails: NOT_TRUNCATED };
  return emit(info, info.names.types.succeeded, d);
};

const withError = (info: TaskEventInfo, f: Failure) => {
  const d = withIds(info);
  d.error = f.error;
  if (f.cause !== undefined) d.cause = f.cause;
  return d;
};

export const emitFailed = (info: TaskEventInfo, f: Failure) => emit(info, info.names.types.failed, withError(info, f));

export const emitTimedOut = (info: TaskEventInfo, f: Failure) =>
  emit(info, info.names.types.timedOut, withError(info, f));
