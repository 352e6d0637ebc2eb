import { type SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { ResultAsync } from 'neverthrow';
import { unavailable } from '#app/errors.ts';
import type { ChunkWorkflow } from '#app/ports/chunk-workflow.ts';
import { chunkOutcomeOf } from './chunk-workflow.output.ts';

export type StepFunctionsChunkWorkflowConfig = Readonly<{ client: SFNClient; stateMachineArn: string }>;

const parseOutput = (output: string | undefined): unknown => {
  try {
    return output === undefined ? undefined : JSON.parse(output);
  } catch {
    return undefined;
  }
};

/**
 * The chunk workflow on an Express state machine, run with StartSyncExecution: the call returns when the execution
 * ends (at most 5 minutes), with its status and output. No execution name: Express executions are not deduplicated
 * by name, and the rows are idempotent on their own. A throttled or failed call is Unavailable (chunk retried).
 */
export const createStepFunctionsChunkWorkflow = ({
  client,
  stateMachineArn,
}: StepFunctionsChunkWorkflowConfig): ChunkWorkflow => ({
  run: (chunk, ctx) =>
    ResultAsync.fromPromise(
      client.send(
        new StartSyncExecutionCommand({
          stateMachineArn,
          input: JSON.stringify({ ...chunk, meta: { correlationId: ctx.correlationId, causationId: ctx.causationId } }),
        }),
      ),
      (e) => unavailable('stepfunctions', e),
    ).andThen((out) =>
      chunkOutcomeOf({
        status: out.status ?? 'UNKNOWN',
        output: parseOutput(out.output),
        ...(out.error !== undefined && { error: out.error }),
        ...(out.cause !== undefined && { cause: out.cause }),
      }),
    ),
});
