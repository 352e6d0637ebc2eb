import { type CopySite, inputSite, resultSite } from '../json-copy-site.ts';
import type { PreparedDef } from '../types.ts';
import type { TaskHandler } from './exec.ts';
import { type PropertyReader, propertyReader } from './property-reader.ts';

// A Task state's facts, derived from its definition on its first visit and kept with the prepared
// state. Event naming: a Lambda function ARN gets LambdaFunction* events and an activity ARN
// Activity* events, as in the service; every other resource gets Task* events with
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

/** Event naming for a resource. */
const taskEventNames = (resource: string): TaskEventNames => {
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

/** A Task state's facts, derived from its definition on its first visit. */
export type TaskPlan = {
  readonly resource: string;
  /** `.waitForTaskToken` or an activity: every attempt gets a task token. */
  readonly callback: boolean;
  readonly names: TaskEventNames;
  /** Reads the handler kept under the state's name: a read site per state (runtime/property-reader.ts). */
  readonly readByName: PropertyReader;
  /** Where the handler's input and result are copied: compiled for the shapes the state keeps seeing. */
  readonly inputCopy: CopySite;
  readonly resultCopy: CopySite;
  /** The handler the last lookup found (see invoke-task.ts), reused while it is still the one to use. */
  lookup: HandlerLookup | undefined;
};

export type HandlerLookup = {
  readonly handlers: Readonly<Record<string, TaskHandler>>;
  /** The key it was found under: the state name, the resource ARN or the ARN without its suffix. */
  readonly key: string;
  readonly handler: TaskHandler;
};

/** The plan of a prepared state (structurally typed here: the prepared state holds the plan). */
export const taskPlan = (state: {
  readonly name: string;
  readonly def: PreparedDef;
  task: TaskPlan | undefined;
}): TaskPlan => {
  if (state.task === undefined) {
    const resource = state.def.Resource as string;
    const names = taskEventNames(resource);
    state.task = {
      resource,
      callback: resource.endsWith('.waitForTaskToken') || names.kind === 'Activity',
      names,
      readByName: propertyReader(state.name),
      inputCopy: inputSite(),
      resultCopy: resultSite(),
      lookup: undefined,
    };
  }
  return state.task;
};
