import { z } from 'zod';

const rowNumber = z.number().int().min(1);

/** A row as the splitter sends it: the CSV fields by column, or why the line could not be read as CSV. */
export const ChunkRow = z.union([
  z.strictObject({ row: rowNumber, fields: z.record(z.string(), z.string()) }),
  z.strictObject({ row: rowNumber, error: z.string().min(1) }),
]);
export type ChunkRow = z.infer<typeof ChunkRow>;

export const MAX_CHUNK_ROWS = 1_000;

/** One queue message of an import: a run of rows, each with its row number in the file. */
export const ImportChunk = z.strictObject({
  importId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be an import id'),
  chunk: z.number().int().min(0),
  rows: z
    .array(ChunkRow)
    .min(1)
    .max(MAX_CHUNK_ROWS)
    .refine((rows) => new Set(rows.map((r) => r.row)).size === rows.length, 'row numbers must be distinct'),
});
export type ImportChunk = z.infer<typeof ImportChunk>;
