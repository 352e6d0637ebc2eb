import type { TaskHandler } from './exec.ts';
import type { PreparedState } from './prepared-state.ts';
import { type TaskEventNames, taskEventNames } from './task-events.ts';

/** A Task state's facts, derived from its definition on its first visit. */
export type TaskPlan = {
  readonly resource: string;
  /** `.waitForTaskToken` or an activity: every attempt gets a task token. */
  readonly callback: boolean;
  readonly names: TaskEventNames;
  /** The handler the last lookup found (see invoke-task.ts), reused while it is still the one to use. */
  lookup: HandlerLookup | undefined;
};

export type HandlerLookup = {
  readonly handlers: Readonly<Record<string, TaskHandler>>;
  /** The key it was found under: the state name, the resource ARN or the ARN without its suffix. */
  readonly key: string;
  readonly handler: TaskHandler;
};

export const taskPlan = (state: PreparedState): TaskPlan => {
  if (state.task === undefined) {
    const resource = state.def.Resource as string;
    const names = taskEventNames(resource);
    state.task = {
      resource,
      callback: resource.endsWith('.waitForTaskToken') || names.kind === 'Activity',
      names,
      lookup: undefined,
    };
  }
  return state.task;
};
