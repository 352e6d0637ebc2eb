import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { allChunksIn, summarize, summaryKeyOf } from '#domain/imports/import.ts';
import type { CommandContext } from '../context.ts';
import type { Envelopes } from '../envelopes.ts';
import { type Unavailable, unavailable } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import { type ImportNotFound, type ImportRepository, importNotFound } from '../ports/import-repository.ts';
import type { ObjectStore } from '../ports/object-store.ts';

export type FinalizeOutcome = 'completed' | 'already-completed' | 'pending';

/** Writes the summary of an import whose chunks are all in, then marks it completed (once). */
export type FinalizeImport = (
  importId: string,
  ctx: Pick<CommandContext, 'correlationId' | 'causationId'>,
) => ResultAsync<FinalizeOutcome, ImportNotFound | Unavailable>;

export type FinalizeImportDeps = Readonly<{
  imports: ImportRepository;
  objects: ObjectStore;
  envelopes: Envelopes;
  clock: Clock;
}>;

/**
 * The finalizer of the fan-in. Several callers may get here for one import (the last two chunks finishing
 * together, the splitter when chunks outran it, a redelivered message after a crash): each writes the same summary
 * (it depends only on the recorded results), and the repository's conditional `complete` lets exactly one record
 * ImportCompleted. A crash between the summary and `complete` is repaired by the next caller.
 */
export const createFinalizeImport =
  ({ imports, objects, envelopes, clock }: FinalizeImportDeps): FinalizeImport =>
  (importId, ctx) =>
    imports.load(importId).andThen((status) => {
      if (!status) return errAsync(importNotFound(importId));
      if (status.completedAt) return okAsync<FinalizeOutcome>('already-completed');
      if (!allChunksIn(status) || status.chunks === undefined || status.rows === undefined) {
        return okAsync<FinalizeOutcome>('pending');
      }
      const head = { importId, objectKey: status.objectKey, rows: status.rows, chunks: status.chunks };
      return imports.chunkResults(importId).andThen((results) => {
        const summary = summarize(head, results);
        // Results that do not add up are a bug in a writer: fail loudly (the message ends in the DLQ) rather
        // than publish an inexact summary.
        if ('kind' in summary) return errAsync(unavailable('import-summary', summary.message));
        const summaryKey = summaryKeyOf(importId);
        const event = {
          type: 'ImportCompleted' as const,
          importId,
          placed: summary.placed,
          rejected: summary.rejected.length,
          summaryKey,
        };
        return objects
          .put(summaryKey, JSON.stringify(summary, null, 2), 'application/json')
          .andThen(() =>
            imports.complete(
              importId,
              { summaryKey, completedAt: clock().toISOString() },
              envelopes({ correlationId: ctx.correlationId, causationId: ctx.causationId }, [event]),
            ),
          )
          .map((won): FinalizeOutcome => (won ? 'completed' : 'already-completed'));
      });
    });
