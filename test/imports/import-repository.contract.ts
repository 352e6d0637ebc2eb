import { beforeEach, describe, expect, it } from 'vitest';
import type { ImportRepository } from '#app/ports/import-repository.ts';
import type { EventEnvelope } from '#domain/events.ts';
import type { ChunkResult } from '#domain/imports/import.ts';
import type { RepositoryHarness } from '#test/contract/harness.ts';

let n = 0;
const anImportEvent = (importId: string, chunk: number): EventEnvelope => {
  n++;
  return {
    id: `evt-import-${n}`,
    type: 'ImportChunkProcessed',
    source: 'orderly.imports',
    version: 1,
    time: '2026-01-01T00:00:00.000Z',
    correlationId: 'corr-1',
    causationId: 'cause-1',
    data: { type: 'ImportChunkProcessed', importId, chunk, placed: 1, rejected: [] },
  };
};
const result = (chunk: number, placed: number, rejectedRows: number[] = []): ChunkResult => ({
  chunk,
  placed,
  rejected: rejectedRows.map((row) => ({ row, reason: `row ${row} is bad` })),
});
const start = (importId: string) => ({
  importId,
  objectKey: `imports/${importId}.csv`,
  createdAt: '2026-01-01T00:00:00.000Z',
});

/** The ImportRepository contract: idempotent writes for at-least-once callers, a conditional fan-in. */
export const importRepositoryContract = (name: string, make: () => Promise<RepositoryHarness<ImportRepository>>) =>
  describe(`ImportRepository contract (${name})`, () => {
    let harness: RepositoryHarness<ImportRepository>;
    let repo: ImportRepository;
    beforeEach(async () => {
      harness = await make();
      repo = harness.port;
    });

    it('creates once: a second create returns what is stored, an unknown import loads as nothing', async () => {
      const first = (await repo.create(start('a')))._unsafeUnwrap();
      expect(first).toStrictEqual({ ...start('a'), chunksDone: 0, placed: 0, rejected: 0 });
      (await repo.recordSplit('a', { chunks: 2, rows: 5 }, []))._unsafeUnwrap();
      expect((await repo.create({ ...start('a'), objectKey: 'other' }))._unsafeUnwrap()).toMatchObject({
        objectKey: 'imports/a.csv',
        chunks: 2,
      });
      expect((await repo.load('nope'))._unsafeUnwrap()).toBeUndefined();
    });

    it('keeps the first totals and stores the events of that write only', async () => {
      await repo.create(start('b'));
      const e1 = anImportEvent('b', 0);
      expect((await repo.recordSplit('b', { chunks: 3, rows: 7 }, [e1]))._unsafeUnwrap()).toMatchObject({
        chunks: 3,
        rows: 7,
      });
      const again = (await repo.recordSplit('b', { chunks: 9, rows: 9 }, [anImportEvent('b', 1)]))._unsafeUnwrap();
      expect(again).toMatchObject({ chunks: 3, rows: 7 });
      expect((await harness.committedEvents()).map((e) => e.id)).toStrictEqual([e1.id]);
      expect((await repo.recordSplit('nope', { chunks: 1, rows: 1 }, []))._unsafeUnwrapErr()).toStrictEqual({
        kind: 'ImportNotFound',
        importId: 'nope',
      });
    });

    it('counts a chunk once however often it is recorded, with its events once', async () => {
      await repo.create(start('c'));
      const e = anImportEvent('c', 0);
      const first = (await repo.recordChunk('c', result(0, 3, [2, 4]), [e]))._unsafeUnwrap();
      expect(first).toMatchObject({ recorded: true, status: { chunksDone: 1, placed: 3, rejected: 2 } });
      const twice = (await repo.recordChunk('c', result(0, 3, [2, 4]), [anImportEvent('c', 0)]))._unsafeUnwrap();
      expect(twice).toMatchObject({ recorded: false, status: { chunksDone: 1, placed: 3, rejected: 2 } });
      expect((await harness.committedEvents()).map((x) => x.id)).toStrictEqual([e.id]);
      expect((await repo.recordChunk('nope', result(0, 1), []))._unsafeUnwrapErr().kind).toBe('ImportNotFound');
    });

    it('concurrent records of distinct chunks all count; of the same chunk, one counts', async () => {
      await repo.create(start('d'));
      (await repo.recordSplit('d', { chunks: 6, rows: 12 }, []))._unsafeUnwrap();
      const outs = await Promise.all([0, 1, 2, 3, 4, 4, 5, 5].map((c) => repo.recordChunk('d', result(c, 2), [])));
      expect(outs.filter((o) => o._unsafeUnwrap().recorded).length).toBe(6);
      expect((await repo.load('d'))._unsafeUnwrap()).toMatchObject({ chunksDone: 6, placed: 12 });
      expect((await repo.chunkResults('d'))._unsafeUnwrap().map((r) => r.chunk)).toStrictEqual([0, 1, 2, 3, 4, 5]);
    });

    it('gives back every chunk result in chunk order, rejections included', async () => {
      await repo.create(start('e'));
      for (const c of [11, 2, 0]) (await repo.recordChunk('e', result(c, 1, [c * 10 + 1]), []))._unsafeUnwrap();
      expect((await repo.chunkResults('e'))._unsafeUnwrap()).toStrictEqual([
        result(0, 1, [1]),
        result(2, 1, [21]),
        result(11, 1, [111]),
      ]);
      expect((await repo.chunkResults('nope'))._unsafeUnwrap()).toStrictEqual([]);
    });

    it('completes once, only when every chunk is in; concurrent completions: one wins', async () => {
      await repo.create(start('f'));
      const completion = { summaryKey: 'imports/f.summary.json', completedAt: '2026-01-01T01:00:00.000Z' };
      expect((await repo.complete('f', completion, []))._unsafeUnwrap()).toBe(false); // not split yet
      (await repo.recordSplit('f', { chunks: 2, rows: 2 }, []))._unsafeUnwrap();
      (await repo.recordChunk('f', result(0, 1), []))._unsafeUnwrap();
      expect((await repo.complete('f', completion, []))._unsafeUnwrap()).toBe(false); // a chunk is missing
      (await repo.recordChunk('f', result(1, 1), []))._unsafeUnwrap();
      const done = anImportEvent('f', 9);
      const wins = await Promise.all([
        repo.complete('f', completion, [done]),
        repo.complete('f', completion, [anImportEvent('f', 9)]),
      ]);
      expect(wins.map((w) => w._unsafeUnwrap()).sort()).toStrictEqual([false, true]);
      expect((await repo.load('f'))._unsafeUnwrap()).toMatchObject(completion);
      expect((await harness.committedEvents()).length).toBe(1);
      expect((await repo.complete('nope', completion, []))._unsafeUnwrapErr().kind).toBe('ImportNotFound');
    });
  });
