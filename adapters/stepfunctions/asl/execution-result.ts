import { err, type Result } from 'neverthrow';
import type { History, HistoryEvent } from './runtime/history.ts';
import type { TaskTokenError } from './runtime/task-tokens.ts';
import type { Json } from './types.ts';

export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export type ExecutionResult = {
  readonly status: ExecutionStatus;
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
  readonly history: HistoryEvent[];
};

export type ExecutionHandle = {
  readonly result: Promise<ExecutionResult>;
  readonly sendTaskSuccess: (token: string, output: unknown) => Result<void, TaskTokenError>;
  readonly sendTaskFailure: (token: string, error?: string, cause?: string) => Result<void, TaskTokenError>;
  readonly sendTaskHeartbeat: (token: string) => Result<void, TaskTokenError>;
  readonly stop: (error?: string, cause?: string) => void;
  readonly history: () => HistoryEvent[];
};

export type Outcome = { status: ExecutionStatus; output?: Json; error?: string; cause?: string };

/** The handle of an execution that never started (invalid definition or input). */
export const rejected = (error: string, cause: string): ExecutionHandle => {
  const gone = (): Result<void, TaskTokenError> =>
    err({ kind: 'TaskDoesNotExist', message: 'Task does not exist anymore' });
  return {
    result: Promise.resolve({ status: 'FAILED', error, cause, history: [] }),
    sendTaskSuccess: gone,
    sendTaskFailure: gone,
    sendTaskHeartbeat: gone,
    stop: () => {},
    history: () => [],
  };
};

export const errorDetails = (error: string | undefined, cause: string | undefined) => ({
  ...(error === undefined || error === '' ? {} : { error }),
  ...(cause === undefined ? {} : { cause }),
});

/** Where a result keeps its history until first read: a symbol-keyed, non-enumerable property. */
const LAZY = Symbol('orderly.asl.history');
type Lazy = { readonly history: History; events: HistoryEvent[] | undefined };

/**
 * One getter function shared by every result (not a closure per result): V8 gives each distinct
 * accessor a new hidden class, and a minor GC keeps those (with the whole history they reach)
 * alive until the next full GC, which made every finished execution survive into the old space.
 */
function readHistory(this: { [LAZY]: Lazy }): HistoryEvent[] {
  const lazy = this[LAZY];
  lazy.events ??= lazy.history.events();
  return lazy.events;
}
const HISTORY: PropertyDescriptor = { enumerable: true, get: readHistory };

/** The result object; its events become HistoryEvent objects (with Dates) only when first read. */
export const materialize = (outcome: Outcome, history: History): ExecutionResult => {
  const result: { -readonly [K in keyof ExecutionResult]?: ExecutionResult[K] } = { status: outcome.status };
  const lazy: Lazy = { history, events: undefined };
  Object.defineProperty(result, LAZY, { value: lazy });
  Object.defineProperty(result, 'history', HISTORY);
  if (outcome.status === 'SUCCEEDED') result.output = outcome.output ?? null;
  if (outcome.error !== undefined && outcome.error !== '') result.error = outcome.error;
  if (outcome.cause !== undefined) result.cause = outcome.cause;
  return result as ExecutionResult;
};
