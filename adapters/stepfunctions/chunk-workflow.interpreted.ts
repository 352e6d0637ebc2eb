import { ResultAsync } from 'neverthrow';
import type { ChunkWorkflow } from '#app/ports/chunk-workflow.ts';
import { runStateMachine, type TaskHandler } from './asl/state-machines.ts';
import { chunkOutcomeOf } from './chunk-workflow.output.ts';

export type InterpretedChunkWorkflowConfig = Readonly<{
  /** The import-chunk ASL with its placeholders bound. */
  definition: unknown;
  taskHandlers: Readonly<Record<string, TaskHandler>>;
  /** Retry jitter; fixed in tests for reproducible runs. */
  random?: () => number;
}>;

/**
 * The chunk workflow on the local ASL interpreter, as an Express execution (its 5-minute limit included), run to
 * its end the way StartSyncExecution does; retry waits are virtual, so a backoff costs no real time.
 */
export const createInterpretedChunkWorkflow = ({
  definition,
  taskHandlers,
  random,
}: InterpretedChunkWorkflowConfig): ChunkWorkflow => ({
  run: (chunk, ctx) =>
    ResultAsync.fromSafePromise(
      runStateMachine(
        definition,
        { ...chunk, meta: { correlationId: ctx.correlationId, causationId: ctx.causationId } },
        { type: 'EXPRESS', taskHandlers, ...(random && { random }) },
      ),
    ).andThen(chunkOutcomeOf),
});
