import type { ResultAsync } from 'neverthrow';
import type { EventEnvelope } from '#domain/events.ts';
import type { ChunkResult, ImportProgress } from '#domain/imports/import.ts';
import type { Unavailable } from '../errors.ts';

export type ImportNotFound = Readonly<{ kind: 'ImportNotFound'; importId: string }>;
export const importNotFound = (importId: string): ImportNotFound => ({ kind: 'ImportNotFound', importId });

/** One import of a CSV object: its totals (once split), fan-in counters and running sums. */
export type ImportStatus = ImportProgress &
  Readonly<{
    importId: string;
    objectKey: string;
    createdAt: string;
    rows?: number;
    placed: number;
    rejected: number;
    summaryKey?: string;
  }>;

export type ChunkRecorded = Readonly<{ recorded: boolean; status: ImportStatus }>;

/**
 * Imports and the results of their chunks. Every write is idempotent, because every caller is at-least-once
 * (S3 notifications, SQS): `create` keeps the first record, `recordSplit` the first totals, `recordChunk` counts a
 * chunk once however often it is processed, and `complete` succeeds for one caller only, and only once every chunk
 * is in (the fan-in). Events are stored with the write that causes them (an outbox), never on a repeated call.
 */
export type ImportRepository = Readonly<{
  /** Creates the import if it does not exist; returns what is stored either way. */
  create: (
    start: Readonly<{ importId: string; objectKey: string; createdAt: string }>,
  ) => ResultAsync<ImportStatus, Unavailable>;
  load: (importId: string) => ResultAsync<ImportStatus | undefined, Unavailable>;
  /** Sets how many chunks and rows the file had; a later call changes nothing. */
  recordSplit: (
    importId: string,
    totals: Readonly<{ chunks: number; rows: number }>,
    events: readonly EventEnvelope[],
  ) => ResultAsync<ImportStatus, ImportNotFound | Unavailable>;
  /** `recorded` is false when this chunk was already in (a redelivered message). */
  recordChunk: (
    importId: string,
    result: ChunkResult,
    events: readonly EventEnvelope[],
  ) => ResultAsync<ChunkRecorded, ImportNotFound | Unavailable>;
  /** Every recorded chunk result, in chunk order. */
  chunkResults: (importId: string) => ResultAsync<readonly ChunkResult[], Unavailable>;
  /** True for the one call that marks the import completed; false if it was already, or a chunk is missing. */
  complete: (
    importId: string,
    completion: Readonly<{ summaryKey: string; completedAt: string }>,
    events: readonly EventEnvelope[],
  ) => ResultAsync<boolean, ImportNotFound | Unavailable>;
}>;
