import { err, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import { allChunksIn } from '#domain/imports/import.ts';
import type { CommandContext } from '../context.ts';
import type { Envelopes } from '../envelopes.ts';
import { type Unavailable, unavailable } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { CsvRows } from '../ports/csv-rows.ts';
import type { ImportNotFound, ImportRepository, ImportStatus } from '../ports/import-repository.ts';
import type { MessageQueue, OutgoingMessage } from '../ports/message-queue.ts';
import type { ObjectNotFound, ObjectStore } from '../ports/object-store.ts';
import type { FinalizeImport, FinalizeOutcome } from './finalize-import.ts';
import type { ChunkRow, ImportChunk } from './import-chunk.ts';

export type SplitImportInput = Readonly<{ importId: string; objectKey: string }>;
export type SplitOutcome = Readonly<{
  importId: string;
  chunks: number;
  rows: number;
  /** True when an earlier run had already split this import (a repeated S3 notification). */
  alreadySplit: boolean;
  finalized: FinalizeOutcome;
}>;
type Ctx = Pick<CommandContext, 'correlationId' | 'causationId'>;
export type SplitImport = (
  input: SplitImportInput,
  ctx: Ctx,
) => ResultAsync<SplitOutcome, ObjectNotFound | ImportNotFound | Unavailable>;

export type SplitImportDeps = Readonly<{
  objects: ObjectStore;
  csvRows: CsvRows;
  queue: MessageQueue;
  imports: ImportRepository;
  envelopes: Envelopes;
  clock: Clock;
  finalizeImport: FinalizeImport;
  /** Rows per chunk message (and so per chunk workflow run). */
  chunkSize?: number;
  /** A chunk is closed early when its JSON would pass this, to stay under SQS's 256 KiB per message. */
  maxChunkBytes?: number;
}>;

/** Chunk messages sent together (one SendMessageBatch of up to 10). */
const SEND_AHEAD = 10;

/**
 * The splitter: streams the CSV object through the CSV reader into chunks of rows, one queue message per chunk,
 * then records the totals with ImportStarted. Lines that are not CSV travel in their chunk as rows with an error,
 * so they are reported like any rejected row and never stop the import. A repeated run (S3 delivers at least once)
 * sends the same chunks again, which the processor counts once; a finished split is not redone.
 */
export const createSplitImport = (deps: SplitImportDeps): SplitImport => {
  const { objects, csvRows, queue, imports, envelopes, clock, finalizeImport } = deps;
  const chunkSize = deps.chunkSize ?? 100;
  const maxChunkBytes = deps.maxChunkBytes ?? 200_000;

  const sendChunks = async (
    importId: string,
    stream: AsyncIterable<Uint8Array>,
    ctx: Ctx,
  ): Promise<Result<{ chunks: number; rows: number }, Unavailable>> => {
    let chunks = 0;
    let rows = 0;
    let current: ChunkRow[] = [];
    let bytes = 0;
    let outgoing: OutgoingMessage[] = [];
    const flush = async () => {
      const batch = outgoing;
      outgoing = [];
      return batch.length === 0 ? ok(undefined) : await queue.sendBatch(batch);
    };
    const close = () => {
      const body: ImportChunk = { importId, chunk: chunks, rows: current };
      outgoing.push({ id: String(chunks), body, ...ctx, attributes: { importId } });
      chunks++;
      current = [];
      bytes = 0;
    };
    try {
      for await (const row of csvRows(stream)) {
        const size = JSON.stringify(row).length + 1;
        if (current.length > 0 && (current.length >= chunkSize || bytes + size > maxChunkBytes)) close();
        current.push(row);
        bytes += size;
        rows++;
        if (outgoing.length >= SEND_AHEAD) {
          const sent = await flush();
          if (sent.isErr()) return err(sent.error);
        }
      }
    } catch (e) {
      // The stream broke mid-file (S3 connection lost): the whole split is retried; chunks are idempotent.
      return err(unavailable('object-store', e));
    }
    if (current.length > 0) close();
    const sent = await flush();
    return sent.map(() => ({ chunks, rows }));
  };

  const finalizeIfDone = (status: ImportStatus, ctx: Ctx) =>
    allChunksIn(status) && !status.completedAt
      ? finalizeImport(status.importId, ctx)
      : okAsync<FinalizeOutcome>(status.completedAt ? 'already-completed' : 'pending');

  const outcome = (status: ImportStatus, alreadySplit: boolean, finalized: FinalizeOutcome): SplitOutcome => ({
    importId: status.importId,
    chunks: status.chunks ?? 0,
    rows: status.rows ?? 0,
    alreadySplit,
    finalized,
  });

  return ({ importId, objectKey }, ctx) =>
    imports.load(importId).andThen((found) => {
      if (found?.chunks !== undefined) {
        return finalizeIfDone(found, ctx).map((finalized) => outcome(found, true, finalized));
      }
      return objects
        .getStream(objectKey)
        .andThen((stream) =>
          imports
            .create({ importId, objectKey, createdAt: clock().toISOString() })
            .andThen(() => new ResultAsync(sendChunks(importId, stream, ctx))),
        )
        .andThen((totals) =>
          imports.recordSplit(
            importId,
            totals,
            envelopes(ctx, [{ type: 'ImportStarted', importId, objectKey, ...totals }]),
          ),
        )
        .andThen((status) => finalizeIfDone(status, ctx).map((finalized) => outcome(status, false, finalized)));
    });
};
