import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { allChunksIn, type ChunkResult } from '#domain/imports/import.ts';
import { parseWith, type ValidationFailed } from '#domain/shared/validation.ts';
import type { CommandContext } from '../context.ts';
import type { Envelopes } from '../envelopes.ts';
import { type Unavailable, unavailable } from '../errors.ts';
import type { ChunkOutcome, ChunkWorkflow } from '../ports/chunk-workflow.ts';
import { type ImportNotFound, type ImportRepository, importNotFound } from '../ports/import-repository.ts';
import type { FinalizeImport, FinalizeOutcome } from './finalize-import.ts';
import { type ImportChunk, ImportChunk as ImportChunkSchema } from './import-chunk.ts';

export type ChunkProcessed = Readonly<{
  importId: string;
  chunk: number;
  placed: number;
  rejected: number;
  /** False when the chunk had been recorded before (a redelivered message). */
  recorded: boolean;
  finalized: FinalizeOutcome;
}>;

/** A chunk that is not one (bad JSON shape, unknown import) is poison: it fails until it reaches the DLQ. */
export type ProcessChunkError = ValidationFailed | ImportNotFound | Unavailable;

export type ProcessChunk = (
  message: unknown,
  ctx: Pick<CommandContext, 'correlationId' | 'causationId'>,
) => ResultAsync<ChunkProcessed, ProcessChunkError>;

export type ProcessChunkDeps = Readonly<{
  workflow: ChunkWorkflow;
  imports: ImportRepository;
  envelopes: Envelopes;
  finalizeImport: FinalizeImport;
}>;

/** Every row of the chunk exactly once in the outcome, or the workflow lost or invented one: not recordable. */
const accountedFor = (chunk: ImportChunk, outcome: ChunkOutcome): boolean => {
  const seen = [...outcome.placed.map((p) => p.row), ...outcome.rejected.map((r) => r.row)];
  const expected = new Set(chunk.rows.map((r) => r.row));
  return seen.length === expected.size && new Set(seen).size === seen.length && seen.every((row) => expected.has(row));
};

/**
 * One chunk message: its rows through the chunk workflow (orders placed idempotently by `${importId}#${row}`), the
 * result recorded once on the import with ImportChunkProcessed, and, when that was the last chunk in, the summary.
 * Safe to run twice for the same message: the rows find their orders, the chunk is counted once.
 */
export const createProcessChunk =
  ({ workflow, imports, envelopes, finalizeImport }: ProcessChunkDeps): ProcessChunk =>
  (message, ctx) =>
    parseWith(ImportChunkSchema)(message).asyncAndThen((chunk) =>
      imports
        .load(chunk.importId)
        .andThen((status) => (status ? okAsync(status) : errAsync(importNotFound(chunk.importId))))
        .andThen(() => workflow.run(chunk, ctx))
        .andThen((outcome) => {
          if (!accountedFor(chunk, outcome)) {
            return errAsync(unavailable('import-chunk workflow', `chunk ${chunk.chunk}: rows missing or repeated`));
          }
          const result: ChunkResult = {
            chunk: chunk.chunk,
            placed: outcome.placed.length,
            rejected: [...outcome.rejected].sort((a, b) => a.row - b.row),
          };
          const events = envelopes(ctx, [{ type: 'ImportChunkProcessed', importId: chunk.importId, ...result }]);
          return imports.recordChunk(chunk.importId, result, events).andThen(({ recorded, status }) =>
            (allChunksIn(status) && !status.completedAt
              ? finalizeImport(chunk.importId, ctx)
              : okAsync<FinalizeOutcome>(status.completedAt ? 'already-completed' : 'pending')
            ).map(
              (finalized): ChunkProcessed => ({
                importId: chunk.importId,
                chunk: chunk.chunk,
                placed: result.placed,
                rejected: result.rejected.length,
                recorded,
                finalized,
              }),
            ),
          );
        }),
    );
