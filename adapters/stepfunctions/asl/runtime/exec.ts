import type { Failure } from '../errors.ts';
import type { Json, JsonObject, QueryLanguage, StateDef, WorkflowType } from '../types.ts';
import type { CancelScope } from './cancel.ts';
import type { History } from './history.ts';
import type { Scheduler } from './scheduler.ts';
import type { TaskTokens } from './task-tokens.ts';
import type { VariableScope } from './variables.ts';

/** What a task handler receives besides its input. */
export type TaskContext = {
  readonly stateName: string;
  readonly resource: string;
  /** Present for `.waitForTaskToken` resources and activities. */
  readonly taskToken?: string;
  /** The context object (`$$`) as the state sees it, Task.Token included. */
  readonly contextObject: Json;
  /** How many times this state has been retried so far ($$.State.RetryCount). */
  readonly retryCount: number;
  /** Sends SendTaskHeartbeat for this task. */
  readonly heartbeat: () => void;
  /** Waits in execution time (virtual when waitTimeScale is 0): use it to simulate a slow task. */
  readonly sleep: (seconds: number) => Promise<void>;
  /** Aborted when the task times out or its branch/execution stops. */
  readonly signal: AbortSignal;
};

export type TaskHandler = (input: Json, context: TaskContext) => unknown;

export type ContextOverrides = {
  readonly Execution?: {
    readonly Name?: string;
    readonly Id?: string;
    readonly RoleArn?: string;
    readonly StartTime?: string;
    readonly RedriveCount?: number;
  };
  readonly StateMachine?: { readonly Name?: string; readonly Id?: string };
};

export type ExecutionOptions = {
  /** Local implementations of Task resources, keyed by state name or by Resource ARN (state name wins). */
  readonly taskHandlers?: Readonly<Record<string, TaskHandler>>;
  /** 0 (default): virtual time, no real waiting. s > 0: real waits of delay × s. */
  readonly waitTimeScale?: number;
  readonly type?: WorkflowType;
  readonly context?: ContextOverrides;
  /** Random source in [0, 1) for retry jitter, MathRandom, UUIDs and task tokens. */
  readonly random?: () => number;
  /** Clock in epoch milliseconds (or a Date) at which the execution starts; defaults to Date.now. */
  readonly now?: () => number | Date;
};

export type Thread = { last: number };

/** A running state machine: the top level, one Parallel branch or one Map iteration. */
export type Frame = {
  readonly states: Readonly<Record<string, StateDef>>;
  readonly startAt: string;
  readonly scope: VariableScope;
  readonly cancel: CancelScope;
  readonly thread: Thread;
};

export type BranchOutcome =
  | { kind: 'succeeded'; output: Json }
  | { kind: 'failed'; failure: Failure }
  | { kind: 'cancelled' };

/** The execution as states see it (runtime/running-execution.ts implements it). */
export type Exec = {
  readonly options: ExecutionOptions;
  readonly scheduler: Scheduler;
  readonly history: History;
  readonly tokens: TaskTokens;
  readonly random: () => number;
  readonly uuid: () => string;
  readonly workflowType: WorkflowType;
  readonly queryLanguage: QueryLanguage;
  readonly contextExecution: JsonObject;
  readonly contextStateMachine: JsonObject;
  /** The top-level frame: cancelled only when the execution ends. */
  readonly rootFrame: Frame;
  /** Records an event for a branch; dropped once the branch is cancelled or the history sealed. */
  emit(frame: Frame, type: string, details?: Readonly<Record<string, unknown>>): number | undefined;
  runBranch(frame: Frame, input: Json): Promise<BranchOutcome>;
};
