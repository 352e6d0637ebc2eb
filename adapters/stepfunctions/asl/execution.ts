import { type ExecutionHandle, type ExecutionResult, rejected } from './execution-result.ts';
import { PAYLOAD_LIMIT_BYTES } from './json.ts';
import { exceedsLimit, toJsonBounded } from './json-copy.ts';
import type { ExecutionOptions } from './runtime/exec.ts';
import { RunningExecution } from './runtime/running-execution.ts';
import type { WorkflowType } from './types.ts';
import { validateDefinitionCached } from './validate/validate-definition.ts';

/** Validates the definition and input and starts the run, or gives the handle of a rejected start. */
const launch = (definition: unknown, input: unknown, options: ExecutionOptions): RunningExecution | ExecutionHandle => {
  const type: WorkflowType = options.type ?? 'STANDARD';
  const validated = validateDefinitionCached(definition, type);
  if (validated.isErr()) {
    return rejected(
      'InvalidDefinition',
      validated.error
        .map(
          (e) =>
            `${e.state === undefined ? '' : `State '${e.state}'`}${e.field === undefined ? '' : ` field '${e.field}'`}: ${e.message}`,
        )
        .join('; '),
    );
  }
  const inputJson = toJsonBounded(input === undefined ? {} : input);
  if (inputJson === undefined) return rejected('InvalidExecutionInput', 'The execution input is not a JSON value');
  if (exceedsLimit(inputJson, PAYLOAD_LIMIT_BYTES))
    return rejected('InvalidExecutionInput', 'The execution input exceeds the maximum size of 262144 bytes');
  return new RunningExecution(validated.value, inputJson, options, type);
};

/**
 * Starts an execution. Never throws and its result never rejects: an invalid definition or input
 * yields a FAILED result (error InvalidDefinition / InvalidExecutionInput) with an empty history.
 */
export const startExecution = (
  definition: unknown,
  input: unknown,
  options: ExecutionOptions = {},
): ExecutionHandle => {
  const run = launch(definition, input, options);
  if (!(run instanceof RunningExecution)) return run;
  return {
    result: run.result,
    sendTaskSuccess: (token, output) => run.tokens.sendSuccess(token, output),
    sendTaskFailure: (token, error, cause) => run.tokens.sendFailure(token, error, cause),
    sendTaskHeartbeat: (token) => run.tokens.sendHeartbeat(token),
    stop: (error, cause) =>
      run.finish({
        status: 'ABORTED',
        ...(error === undefined ? {} : { error }),
        ...(cause === undefined ? {} : { cause }),
      }),
    history: () => run.history.events(),
  };
};

/** startExecution(...).result, without building the handle's functions that nobody can call. */
export const runStateMachine = (
  definition: unknown,
  input: unknown,
  options: ExecutionOptions = {},
): Promise<ExecutionResult> => launch(definition, input, options).result;
