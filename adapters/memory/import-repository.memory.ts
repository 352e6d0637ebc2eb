import { errAsync, okAsync } from 'neverthrow';
import { type ImportRepository, type ImportStatus, importNotFound } from '#app/ports/import-repository.ts';
import { allChunksIn, type ChunkResult } from '#domain/imports/import.ts';
import type { MemoryOutbox } from './outbox.memory.ts';

type Row = { status: ImportStatus; results: Map<number, ChunkResult> };

/**
 * Imports in a Map with the same conditional semantics as the DynamoDB adapter: first create, first totals and
 * first result of a chunk win; `complete` only once and only with every chunk in. Events go to the outbox in the
 * same step as the write that causes them. Copies in and out, so callers never share state with the store.
 */
export const createMemoryImportRepository = ({
  outbox,
  rows = new Map<string, Row>(),
}: {
  outbox: MemoryOutbox;
  rows?: Map<string, Row>;
}): ImportRepository => {
  const copy = (s: ImportStatus): ImportStatus => structuredClone(s);
  return {
    create: ({ importId, objectKey, createdAt }) => {
      const found = rows.get(importId);
      if (found) return okAsync(copy(found.status));
      const status: ImportStatus = { importId, objectKey, createdAt, chunksDone: 0, placed: 0, rejected: 0 };
      rows.set(importId, { status, results: new Map() });
      return okAsync(copy(status));
    },
    load: (importId) => {
      const found = rows.get(importId);
      return okAsync(found && copy(found.status));
    },
    recordSplit: (importId, { chunks, rows: total }, events) => {
      const found = rows.get(importId);
      if (!found) return errAsync(importNotFound(importId));
      if (found.status.chunks === undefined) {
        found.status = { ...found.status, chunks, rows: total };
        outbox.append(events);
      }
      return okAsync(copy(found.status));
    },
    recordChunk: (importId, result, events) => {
      const found = rows.get(importId);
      if (!found) return errAsync(importNotFound(importId));
      const recorded = !found.results.has(result.chunk);
      if (recorded) {
        found.results.set(result.chunk, structuredClone(result));
        found.status = {
          ...found.status,
          chunksDone: found.status.chunksDone + 1,
          placed: found.status.placed + result.placed,
          rejected: found.status.rejected + result.rejected.length,
        };
        outbox.append(events);
      }
      return okAsync({ recorded, status: copy(found.status) });
    },
    chunkResults: (importId) =>
      okAsync(
        [...(rows.get(importId)?.results.values() ?? [])]
          .sort((a, b) => a.chunk - b.chunk)
          .map((r) => structuredClone(r)),
      ),
    complete: (importId, { summaryKey, completedAt }, events) => {
      const found = rows.get(importId);
      if (!found) return errAsync(importNotFound(importId));
      if (found.status.completedAt || !allChunksIn(found.status)) return okAsync(false);
      found.status = { ...found.status, summaryKey, completedAt };
      outbox.append(events);
      return okAsync(true);
    },
  };
};
