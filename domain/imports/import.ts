import { z } from 'zod';

/** A data row that did not become an order: its 1-based row number in the file and why. */
export const RowRejection = z.object({ row: z.number().int().min(1), reason: z.string().min(1) });
export type RowRejection = Readonly<z.infer<typeof RowRejection>>;

/** What one chunk of an import came to: every row of it is either placed or rejected. */
export const ChunkResult = z.object({
  chunk: z.number().int().min(0),
  placed: z.number().int().min(0),
  rejected: z.array(RowRejection),
});
export type ChunkResult = Readonly<z.infer<typeof ChunkResult>>;

/** The fan-in counters of an import: `chunks` is known once the whole file has been split. */
export type ImportProgress = Readonly<{ chunks?: number; chunksDone: number; completedAt?: string }>;

/** Every chunk is in: the import can be summarized (once). */
export const allChunksIn = (p: ImportProgress): boolean => p.chunks !== undefined && p.chunksDone >= p.chunks;

export type ImportSummary = Readonly<{
  importId: string;
  objectKey: string;
  rows: number;
  placed: number;
  rejected: readonly RowRejection[];
}>;

export type SummaryMismatch = Readonly<{ kind: 'SummaryMismatch'; importId: string; message: string }>;

/** Where the summary of an import is written, next to the imported files (`.json`, so it starts no import). */
export const summaryKeyOf = (importId: string): string => `imports/${importId}.summary.json`;

/**
 * The summary of a finished import, rejections in row order. Refuses to summarize results that do not add up
 * (a chunk missing or counted twice, a row reported twice): a summary is only ever exact.
 */
export const summarize = (
  head: Readonly<{ importId: string; objectKey: string; rows: number; chunks: number }>,
  results: readonly ChunkResult[],
): ImportSummary | SummaryMismatch => {
  const mismatch = (message: string): SummaryMismatch => ({
    kind: 'SummaryMismatch',
    importId: head.importId,
    message,
  });
  const chunks = new Set(results.map((r) => r.chunk));
  if (chunks.size !== results.length || results.length !== head.chunks) {
    return mismatch(`expected ${head.chunks} distinct chunks, got ${results.length} results`);
  }
  const rejected = results.flatMap((r) => r.rejected).sort((a, b) => a.row - b.row);
  if (new Set(rejected.map((r) => r.row)).size !== rejected.length) return mismatch('a row was rejected twice');
  const placed = results.reduce((n, r) => n + r.placed, 0);
  if (placed + rejected.length !== head.rows) {
    return mismatch(`placed ${placed} + rejected ${rejected.length} is not ${head.rows} rows`);
  }
  return { importId: head.importId, objectKey: head.objectKey, rows: head.rows, placed, rejected };
};
