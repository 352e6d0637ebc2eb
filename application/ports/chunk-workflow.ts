import type { ResultAsync } from 'neverthrow';
import type { RowRejection } from '#domain/imports/import.ts';
import type { CommandContext } from '../context.ts';
import type { Unavailable } from '../errors.ts';
import type { ImportChunk } from '../imports/import-chunk.ts';
import type { PlacedRow } from '../imports/place-imported-order.ts';

/** Every row of the chunk, placed or rejected with its reason. */
export type ChunkOutcome = Readonly<{ placed: readonly PlacedRow[]; rejected: readonly RowRejection[] }>;

/**
 * Runs one chunk's rows through PlaceImportedOrder (a short, at-least-once workflow: an Express state machine in
 * AWS, the same ASL on the local interpreter). Rows' own faults come back as rejections; a failure that outlived
 * the workflow's retries fails the whole run, so the chunk's message is retried (rows are idempotent).
 */
export type ChunkWorkflow = Readonly<{
  run: (
    chunk: ImportChunk,
    ctx: Pick<CommandContext, 'correlationId' | 'causationId'>,
  ) => ResultAsync<ChunkOutcome, Unavailable>;
}>;
