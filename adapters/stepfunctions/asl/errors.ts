// Runtime failures are values: an error name plus an optional cause, as Step Functions reports them.

export type Failure = { readonly error: string; readonly cause?: string };

export const failure = (error: string, cause?: string): Failure => (cause === undefined ? { error } : { error, cause });

export const States = {
  ALL: 'States.ALL',
  Runtime: 'States.Runtime',
  Timeout: 'States.Timeout',
  HeartbeatTimeout: 'States.HeartbeatTimeout',
  TaskFailed: 'States.TaskFailed',
  DataLimitExceeded: 'States.DataLimitExceeded',
  ResultPathMatchFailure: 'States.ResultPathMatchFailure',
  ParameterPathFailure: 'States.ParameterPathFailure',
  IntrinsicFailure: 'States.IntrinsicFailure',
  NoChoiceMatched: 'States.NoChoiceMatched',
  BranchFailed: 'States.BranchFailed',
  ExceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
  QueryEvaluationError: 'States.QueryEvaluationError',
  Permissions: 'States.Permissions',
} as const;

/** The object a Catch hands on: `{ Error, Cause }`; the service binds an empty Cause when there is none. */
export const errorOutput = (f: Failure): { Error: string; Cause: string } => ({ Error: f.error, Cause: f.cause ?? '' });

/** Wraps a cause the way the service does for failures raised while processing a state's data. */
export const stateRuntimeCause = (state: string, enteredEventId: number, detail: string): string =>
  `An error occurred while executing the state '${state}' (entered at the event id #${enteredEventId}). ${detail}`;
