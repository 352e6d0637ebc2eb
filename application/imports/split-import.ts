import { err, ok, type Result, ResultAsync } from 'neverthrow';
import type { CommandContext } from '../context.ts';
import { type Unavailable, unavailable } from '../errors.ts';
import type { CsvRows } from '../ports/csv-rows.ts';
import type { MessageQueue, OutgoingMessage } from '../ports/message-queue.ts';
import type { ObjectNotFound, ObjectStore } from '../ports/object-store.ts';
import type { ChunkRow, ImportChunk, ImportSplit } from './import-chunk.ts';

export type SplitImportInput = Readonly<{ importId: string; objectKey: string }>;
export type SplitOutcome = Readonly<{ importId: string; chunks: number; rows: number }>;
type Ctx = Pick<CommandContext, 'correlationId' | 'causationId'>;
export type SplitImport = (
  input: SplitImportInput,
  ctx: Ctx,
) => ResultAsync<SplitOutcome, ObjectNotFound | Unavailable>;

export type SplitImportDeps = Readonly<{
  objects: ObjectStore;
  csvRows: CsvRows;
  queue: MessageQueue;
  /** Rows per chunk message (and so per chunk workflow run). */
  chunkSize?: number;
  /** A chunk is closed early when its JSON would pass this, to stay under SQS's 256 KiB per message. */
  maxChunkBytes?: number;
}>;

/** Chunk messages sent together (one SendMessageBatch of up to 10). */
const SEND_AHEAD = 10;

/**
 * The splitter: streams the CSV object through the CSV reader into chunks of rows, one queue message per chunk,
 * and, once every chunk is sent, one `split` message with the totals. It keeps no state: the chunk processor
 * creates the import record, counts the chunks and records ImportStarted from the `split` message. Lines that are
 * not CSV travel in their chunk as rows with an error, so they are reported like any rejected row and never stop
 * the import. A repeated run (S3 notifies at least once) sends the same messages again; they count once.
 */
export const createSplitImport = ({
  objects,
  csvRows,
  queue,
  chunkSize = 100,
  maxChunkBytes = 200_000,
}: SplitImportDeps): SplitImport => {
  const send = async (
    { importId, objectKey }: SplitImportInput,
    stream: AsyncIterable<Uint8Array>,
    ctx: Ctx,
  ): Promise<Result<SplitOutcome, Unavailable>> => {
    let chunks = 0;
    let rows = 0;
    let current: ChunkRow[] = [];
    let bytes = 0;
    let outgoing: OutgoingMessage[] = [];
    const message = (id: string, body: ImportChunk | ImportSplit): OutgoingMessage => ({
      id,
      body,
      ...ctx,
      attributes: { importId },
    });
    const flush = async (): Promise<Result<void, Unavailable>> => {
      const batch = outgoing;
      outgoing = [];
      if (batch.length === 0) return ok(undefined);
      const sent = await queue.sendBatch(batch);
      return sent.isErr() ? err(sent.error) : ok(undefined);
    };
    const close = () => {
      outgoing.push(message(String(chunks), { type: 'chunk', importId, objectKey, chunk: chunks, rows: current }));
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
      // The stream broke mid-file (S3 connection lost): the whole split is retried; chunks count once.
      return err(unavailable('object-store', e));
    }
    if (current.length > 0) close();
    const sent = await flush();
    if (sent.isErr()) return err(sent.error);
    // Only once every chunk is on the queue: the totals must never count a chunk that was not sent.
    const totals = await queue.sendBatch([message('split', { type: 'split', importId, objectKey, chunks, rows })]);
    return totals.isErr() ? err(totals.error) : ok({ importId, chunks, rows });
  };

  return (input, ctx) =>
    objects.getStream(input.objectKey).andThen((stream) => new ResultAsync(send(input, stream, ctx)));
};
