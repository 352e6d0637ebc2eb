import { z } from 'zod';

const importId = z.string().min(1);
const rejection = z.object({ row: z.number().int().min(1), reason: z.string() });

export const ImportStarted = z.object({
  type: z.literal('ImportStarted'),
  importId,
  objectKey: z.string(),
  chunks: z.number().int().min(0),
  rows: z.number().int().min(0),
});
export const ImportChunkProcessed = z.object({
  type: z.literal('ImportChunkProcessed'),
  importId,
  chunk: z.number().int().min(0),
  placed: z.number().int().min(0),
  rejected: z.array(rejection),
});
export const ImportCompleted = z.object({
  type: z.literal('ImportCompleted'),
  importId,
  placed: z.number().int().min(0),
  rejected: z.number().int().min(0),
  summaryKey: z.string(),
});

export const ImportEvent = z.discriminatedUnion('type', [ImportStarted, ImportChunkProcessed, ImportCompleted]);
export type ImportEvent = Readonly<z.infer<typeof ImportEvent>>;
