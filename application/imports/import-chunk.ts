import { z } from 'zod';

const rowNumber = z.number().int().min(1);
const count = z.number().int().min(0);
const importId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be an import id');
const objectKey = z.string().min(1).max(1_024);

/** A row as the splitter sends it: the CSV fields by column, or why the line could not be read as CSV. */
export const ChunkRow = z.union([
  z.strictObject({ row: rowNumber, fields: z.record(z.string(), z.string()) }),
  z.strictObject({ row: rowNumber, error: z.string().min(1) }),
]);
export type ChunkRow = z.infer<typeof ChunkRow>;

export const MAX_CHUNK_ROWS = 1_000;

/** One chunk of an import: a run of rows, each with its row number in the file. */
export const ImportChunk = z.strictObject({
  type: z.literal('chunk'),
  importId,
  objectKey,
  chunk: count,
  rows: z
    .array(ChunkRow)
    .min(1)
    .max(MAX_CHUNK_ROWS)
    .refine((rows) => new Set(rows.map((r) => r.row)).size === rows.length, 'row numbers must be distinct'),
});
export type ImportChunk = z.infer<typeof ImportChunk>;

/** Sent after every chunk of the file: how many chunks and rows there were (the fan-in's target). */
export const ImportSplit = z.strictObject({
  type: z.literal('split'),
  importId,
  objectKey,
  chunks: count,
  rows: count,
});
export type ImportSplit = z.infer<typeof ImportSplit>;

/** What travels on the import-chunks queue. */
export const ImportMessage = z.discriminatedUnion('type', [ImportChunk, ImportSplit]);
export type ImportMessage = z.infer<typeof ImportMessage>;
