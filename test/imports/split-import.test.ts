import { okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { ImportChunk } from '#app/imports/import-chunk.ts';
import type { ObjectStore } from '#app/ports/object-store.ts';
import { summaryKeyOf } from '#domain/imports/import.ts';
import { csvLine, csvOf, goodRow } from './import-harness.ts';
import { ctx, importFixture } from './unit-fixture.ts';

const rowsCsv = (n: number) => csvOf(Array.from({ length: n }, (_, i) => csvLine(goodRow(i + 1))));
const chunksOf = (sent: readonly { body: unknown }[]) => sent.map((m) => ImportChunk.parse(m.body));

describe('split import', () => {
  it('sends one message per chunk of N rows, each row with its row number, then records ImportStarted', async () => {
    const f = importFixture({ chunkSize: 100 });
    await f.objects.put('imports/a.csv', rowsCsv(250));
    const out = (await f.splitImport({ importId: 'imp-1', objectKey: 'imports/a.csv' }, ctx))._unsafeUnwrap();
    expect(out).toStrictEqual({ importId: 'imp-1', chunks: 3, rows: 250, alreadySplit: false, finalized: 'pending' });
    const chunks = chunksOf(f.sent);
    expect(chunks.map((c) => [c.chunk, c.rows.length, c.rows[0]?.row, c.rows.at(-1)?.row])).toStrictEqual([
      [0, 100, 1, 100],
      [1, 100, 101, 200],
      [2, 50, 201, 250],
    ]);
    expect(chunks[1]?.rows[0]).toStrictEqual({ row: 101, fields: goodRow(101) });
    expect(f.sent.every((m) => m.correlationId === ctx.correlationId && m.attributes?.importId === 'imp-1')).toBe(true);
    expect(f.events('ImportStarted').map((e) => e.data)).toStrictEqual([
      { type: 'ImportStarted', importId: 'imp-1', objectKey: 'imports/a.csv', chunks: 3, rows: 250 },
    ]);
    expect((await f.imports.load('imp-1'))._unsafeUnwrap()).toMatchObject({ chunks: 3, rows: 250, chunksDone: 0 });
  });

  it('a line that is not CSV travels in its chunk as a row with the reason', async () => {
    const f = importFixture({ chunkSize: 2 });
    await f.objects.put('imports/b.csv', csvOf([csvLine(goodRow(1)), 'c-2,"MUG"X,1', csvLine(goodRow(3))]));
    (await f.splitImport({ importId: 'imp-2', objectKey: 'imports/b.csv' }, ctx))._unsafeUnwrap();
    expect(chunksOf(f.sent)[0]?.rows[1]).toStrictEqual({ row: 2, error: expect.stringMatching(/^malformed CSV line/) });
  });

  it('closes a chunk early to keep each message under the byte budget', async () => {
    const f = importFixture({ chunkSize: 100, maxChunkBytes: 2_000 });
    await f.objects.put('imports/c.csv', rowsCsv(40));
    (await f.splitImport({ importId: 'imp-3', objectKey: 'imports/c.csv' }, ctx))._unsafeUnwrap();
    const chunks = chunksOf(f.sent);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(JSON.stringify(c.rows).length).toBeLessThanOrEqual(2_000 + c.rows.length);
    expect(chunks.flatMap((c) => c.rows.map((r) => r.row))).toStrictEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('a repeated notification after a finished split sends nothing and records nothing new', async () => {
    const f = importFixture({ chunkSize: 10 });
    await f.objects.put('imports/d.csv', rowsCsv(25));
    (await f.splitImport({ importId: 'imp-4', objectKey: 'imports/d.csv' }, ctx))._unsafeUnwrap();
    const again = (await f.splitImport({ importId: 'imp-4', objectKey: 'imports/d.csv' }, ctx))._unsafeUnwrap();
    expect(again).toMatchObject({ alreadySplit: true, chunks: 3, rows: 25 });
    expect(f.sent.length).toBe(3);
    expect(f.events('ImportStarted').length).toBe(1);
  });

  it('a split that failed half-way is redone whole on the next run, with the same chunks', async () => {
    const f = importFixture({ chunkSize: 10 });
    await f.objects.put('imports/e.csv', rowsCsv(150));
    f.failSendOn(2); // the second SendMessageBatch (chunks 10..14) fails
    const failed = await f.splitImport({ importId: 'imp-5', objectKey: 'imports/e.csv' }, ctx);
    expect(failed._unsafeUnwrapErr().kind).toBe('Unavailable');
    expect((await f.imports.load('imp-5'))._unsafeUnwrap()?.chunks).toBeUndefined();
    const firstRun = chunksOf(f.sent);
    (await f.splitImport({ importId: 'imp-5', objectKey: 'imports/e.csv' }, ctx))._unsafeUnwrap();
    const secondRun = chunksOf(f.sent).slice(firstRun.length);
    expect(secondRun.length).toBe(15);
    expect(secondRun.slice(0, firstRun.length)).toStrictEqual(firstRun);
    expect(f.events('ImportStarted').map((e) => e.data)).toMatchObject([{ chunks: 15, rows: 150 }]);
  });

  it('a missing object is ObjectNotFound and creates no import', async () => {
    const f = importFixture();
    const out = await f.splitImport({ importId: 'imp-6', objectKey: 'imports/none.csv' }, ctx);
    expect(out._unsafeUnwrapErr()).toStrictEqual({ kind: 'ObjectNotFound', key: 'imports/none.csv' });
    expect((await f.imports.load('imp-6'))._unsafeUnwrap()).toBeUndefined();
  });

  it('a stream that breaks mid-file is Unavailable (the notification is retried)', async () => {
    const f = importFixture();
    const broken: ObjectStore = {
      ...f.objects,
      getStream: () =>
        okAsync(
          (async function* () {
            yield new TextEncoder().encode(`${rowsCsv(3)}\n`);
            throw new Error('socket hang up');
          })(),
        ),
    };
    const out = await f.splitWith({ objects: broken })({ importId: 'imp-7', objectKey: 'imports/x.csv' }, ctx);
    expect(out._unsafeUnwrapErr()).toMatchObject({ kind: 'Unavailable', message: 'socket hang up' });
  });

  it('a file with a header only completes at once with an empty summary', async () => {
    const f = importFixture();
    await f.objects.put('imports/empty.csv', csvOf([]));
    const out = (await f.splitImport({ importId: 'imp-8', objectKey: 'imports/empty.csv' }, ctx))._unsafeUnwrap();
    expect(out).toMatchObject({ chunks: 0, rows: 0, finalized: 'completed' });
    expect(f.sent).toStrictEqual([]);
    const summary = JSON.parse((await f.objects.getText(summaryKeyOf('imp-8')))._unsafeUnwrap());
    expect(summary).toStrictEqual({
      importId: 'imp-8',
      objectKey: 'imports/empty.csv',
      rows: 0,
      placed: 0,
      rejected: [],
    });
    expect(f.events('ImportCompleted').length).toBe(1);
  });
});
