import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { allChunksIn, type ChunkResult } from '#domain/imports/import.ts';
import { parseWith, type ValidationFailed } from '#domain/shared/validation.ts';
import type { CommandContext } from '../context.ts';
import type { Envelopes } from '../envelopes.ts';
import { type Unavailable, unavailable } from '../errors.ts';
import type { ChunkOutcome, ChunkWorkflow } from '../ports/chunk-workflow.ts';
import type { Clock } from '../ports/clock.ts';
import type { ImportNotFound, ImportRepository, ImportStatus } from '../ports/import-repository.ts';
import type { FinalizeImport, FinalizeOutcome } from './finalize-import.ts';
import { type ImportChunk, ImportMessage, type ImportSplit } from './import-chunk.ts';

export type ChunkProcessed = Readonly<{
  importId: string;
  /** The chunk number, or `split` for the totals message. */
  message: number | 'split';
  placed: number;
  rejected: number;
  /** False when this message had been recorded before (a redelivery, a repeated split). */
  recorded: boolean;
  finalized: FinalizeOutcome | 'skipped';
}>;

/** A message that is not an import message is poison: it fails until it reaches the DLQ. */
export type ProcessChunkError = ValidationFailed | ImportNotFound | Unavailable;

type Ctx = Pick<CommandContext, 'correlationId' | 'causationId'>;
export type ProcessChunk = (message: unknown, ctx: Ctx) => ResultAsync<ChunkProcessed, ProcessChunkError>;

export type ProcessChunkDeps = Readonly<{
  workflow: ChunkWorkflow;
  imports: ImportRepository;
  envelopes: Envelopes;
  clock: Clock;
  finalizeImport: FinalizeImport;
}>;

/** Every row of the chunk exactly once in the outcome, or the workflow lost or invented one: not recordable. */
const accountedFor = (chunk: ImportChunk, outcome: ChunkOutcome): boolean => {
  const seen = [...outcome.placed.map((p) => p.row), ...outcome.rejected.map((r) => r.row)];
  const expected = new Set(chunk.rows.map((r) => r.row));
  return seen.length === expected.size && new Set(seen).size === seen.length && seen.every((row) => expected.has(row));
};

/**
 * The import-chunks consumer's use case. A chunk: its rows through the chunk workflow (orders placed idempotently
 * by `${importId}#${row}`), its result recorded once with ImportChunkProcessed. The split message: the totals,
 * recorded once with ImportStarted. Either may come first (the queue keeps no order), so each creates the import if
 * it is not there yet, and whichever completes the count (the fan-in) has the summary written.
 */
export const createProcessChunk = ({
  workflow,
  imports,
  envelopes,
  clock,
  finalizeImport,
}: ProcessChunkDeps): ProcessChunk => {
  const finalizeIfDone = (
    status: ImportStatus,
    ctx: Ctx,
  ): ResultAsync<FinalizeOutcome, ImportNotFound | Unavailable> =>
    allChunksIn(status) && !status.completedAt
      ? finalizeImport(status.importId, ctx)
      : okAsync(status.completedAt ? 'already-completed' : 'pending');

  // Read first: after the first message of an import, the record exists and a conditional create would only fail.
  const open = (m: ImportChunk | ImportSplit) =>
    imports
      .load(m.importId)
      .andThen((found) =>
        found
          ? okAsync(found)
          : imports.create({ importId: m.importId, objectKey: m.objectKey, createdAt: clock().toISOString() }),
      );

  const split = (m: ImportSplit, ctx: Ctx) =>
    open(m)
      .andThen((before) =>
        imports
          .recordSplit(
            m.importId,
            { chunks: m.chunks, rows: m.rows },
            envelopes(ctx, [{ ...m, type: 'ImportStarted' }]),
          )
          .map((status) => ({ status, recorded: before.chunks === undefined })),
      )
      .andThen(({ status, recorded }) =>
        finalizeIfDone(status, ctx).map(
          (finalized): ChunkProcessed => ({
            importId: m.importId,
            message: 'split',
            placed: 0,
            rejected: 0,
            recorded,
            finalized,
          }),
        ),
      );

  const chunk = (m: ImportChunk, ctx: Ctx) =>
    open(m).andThen((status) => {
      // A finished import has every chunk in: a repeated notification's chunks need no workflow run.
      if (status.completedAt) {
        const skipped: ChunkProcessed = {
          importId: m.importId,
          message: m.chunk,
          placed: 0,
          rejected: 0,
          recorded: false,
          finalized: 'skipped',
        };
        return okAsync<ChunkProcessed, ImportNotFound | Unavailable>(skipped);
      }
      return workflow.run(m, ctx).andThen((outcome) => {
        if (!accountedFor(m, outcome)) {
          return errAsync(unavailable('import-chunk workflow', `chunk ${m.chunk}: rows missing or repeated`));
        }
        const result: ChunkResult = {
          chunk: m.chunk,
          placed: outcome.placed.length,
          rejected: [...outcome.rejected].sort((a, b) => a.row - b.row),
        };
        const events = envelopes(ctx, [{ type: 'ImportChunkProcessed', importId: m.importId, ...result }]);
        return imports.recordChunk(m.importId, result, events).andThen(({ recorded, status: after }) =>
          finalizeIfDone(after, ctx).map(
            (finalized): ChunkProcessed => ({
              importId: m.importId,
              message: m.chunk,
              placed: result.placed,
              rejected: result.rejected.length,
              recorded,
              finalized,
            }),
          ),
        );
      });
    });

  return (message, ctx) =>
    parseWith(ImportMessage)(message).asyncAndThen((m) => (m.type === 'split' ? split(m, ctx) : chunk(m, ctx)));
};
