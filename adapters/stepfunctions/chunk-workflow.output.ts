import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { type Unavailable, unavailable } from '#app/errors.ts';
import type { ChunkOutcome } from '#app/ports/chunk-workflow.ts';

const row = z.number().int().min(1);
const Output = z.object({
  results: z.array(z.union([z.object({ row, orderId: z.string().min(1) }), z.object({ row, reason: z.string() })])),
});

/**
 * The reason of a RowRejected: the Catch's Cause. Locally that is the error message; in AWS a Lambda task's Cause is
 * its error JSON (`{"errorType":"RowRejected","errorMessage":"sku: unknown SKU",...}`).
 */
export const reasonOf = (cause: string): string => {
  try {
    const parsed: unknown = JSON.parse(cause);
    if (typeof parsed === 'object' && parsed !== null && 'errorMessage' in parsed) return String(parsed.errorMessage);
  } catch {
    // not JSON: the reason itself
  }
  return cause || 'rejected';
};

/** The status, output, error and cause of a finished chunk run (StartSyncExecution's answer, or the interpreter's). */
export type ChunkRun = Readonly<{ status: string; output?: unknown; error?: string; cause?: string }>;

/** A succeeded run as placed and rejected rows; any other end is Unavailable, so the chunk is retried. */
export const chunkOutcomeOf = (run: ChunkRun): Result<ChunkOutcome, Unavailable> => {
  if (run.status !== 'SUCCEEDED') {
    return err(unavailable('import-chunk workflow', `${run.status}: ${run.error ?? ''} ${run.cause ?? ''}`.trim()));
  }
  const parsed = Output.safeParse(run.output);
  if (!parsed.success) return err(unavailable('import-chunk workflow', `unexpected output: ${parsed.error.message}`));
  const placed = parsed.data.results.flatMap((r) => ('orderId' in r ? [{ row: r.row, orderId: r.orderId }] : []));
  const rejected = parsed.data.results.flatMap((r) =>
    'reason' in r ? [{ row: r.row, reason: reasonOf(r.reason) }] : [],
  );
  return ok({ placed, rejected });
};
