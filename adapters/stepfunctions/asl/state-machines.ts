// Public API of `orderly/state-machines`: a local Amazon States Language interpreter.
//
//   validateDefinition(definition, { type })        → Result<Definition, DefinitionError[]>
//   runStateMachine(definition, input, options)     → Promise<ExecutionResult> (never rejects)
//   startExecution(definition, input, options)      → handle: result, sendTaskSuccess/Failure/Heartbeat, stop, history
//
// Choices made where the service has no local equivalent (README.md in this folder has the full list):
//  - waitTimeScale defaults to 0: a virtual clock, no real waiting; delays still show in timestamps.
//  - A Task whose resource has no handler fails with States.TaskFailed (catchable, like a failed invoke).
//  - An invalid definition or input gives a FAILED result with error InvalidDefinition / InvalidExecutionInput.

export { runStateMachine, startExecution } from './execution.ts';
export type { ExecutionHandle, ExecutionResult, ExecutionStatus } from './execution-result.ts';
export type { ContextOverrides, ExecutionOptions, TaskContext, TaskHandler } from './runtime/exec.ts';
export type { HistoryEvent } from './runtime/history.ts';
export { PENDING, waitForCallback } from './runtime/invoke-types.ts';
export type { TaskTokenError } from './runtime/task-tokens.ts';
export type { Definition, DefinitionError, Json, QueryLanguage, WorkflowType } from './types.ts';
export { type ValidateOptions, validateDefinition } from './validate/validate-definition.ts';
