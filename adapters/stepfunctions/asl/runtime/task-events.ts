import type { Failure } from '../errors.ts';
import { EMPTY_DETAILS } from './history.ts';
import type { LazyText } from './lazy-text.ts';
import type { StateCtx } from './state-io.ts';

// History events of a task attempt. A Lambda function ARN gets LambdaFunction* events and an
// activity ARN Activity* events, as in the service; every other resource gets Task* events with
// resourceType/resource split from `arn:aws:states:::<type>:<resource>`.

const LAMBDA = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:/;
const ACTIVITY = /^arn:[^:]+:states:[^:]*:[^:]*:activity:/;

export type TaskEventNames = {
  readonly kind: 'Task' | 'LambdaFunction' | 'Activity';
  /** resourceType/resource for Task* events; none for LambdaFunction* and Activity* events. */
  readonly ids: { readonly resourceType: string; readonly resource: string } | undefined;
  readonly region: string;
  readonly resource: string;
  /** The event types, built once per resource rather than per event. */
  readonly types: {
    readonly scheduled: string;
    readonly started: string;
    readonly succeeded: string;
    readonly failed: string;
    readonly timedOut: string;
  };
};

const split = (resource: string): { resourceType: string; resource: string } => {
  const m = /^arn:[^:]+:states:::(.+)$/.exec(resource);
  const rest = m?.[1] ?? resource.split(':').slice(2).join(':');
  const at = rest.lastIndexOf(':');
  return at < 0
    ? { resourceType: rest, resource: rest }
    : { resourceType: rest.slice(0, at), resource: rest.slice(at + 1) };
};

/** What the task events need: the attempt record satisfies it, so no extra object is built per attempt. */
export type TaskEventInfo = {
  readonly ctx: StateCtx;
  readonly names: TaskEventNames;
  readonly payload: LazyText;
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
};

/** Event naming for a resource, computed once per Task state (runtime/task-plan.ts). */
export const taskEventNames = (resource: string): TaskEventNames => {
  const kind = LAMBDA.test(resource) ? 'LambdaFunction' : ACTIVITY.test(resource) ? 'Activity' : 'Task';
  return {
    kind,
    ids: kind === 'Task' ? split(resource) : undefined,
    region: /^arn:[^:]+:[^:]+:([^:]+):/.exec(resource)?.[1] || 'us-east-1',
    resource,
    types: {
      scheduled: `${kind}Scheduled`,
      started: `${kind}Started`,
      succeeded: `${kind}Succeeded`,
      failed: `${kind}Failed`,
      timedOut: `${kind}TimedOut`,
    },
  };
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
