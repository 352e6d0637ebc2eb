import { okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { ImportChunk, ImportMessage } from '#app/imports/import-chunk.ts';
import type { ObjectStore } from '#app/ports/object-store.ts';
import { csvLine, csvOf, goodRow } from './import-harness.ts';
import { ctx, importFixture } from './unit-fixture.ts';

const rowsCsv = (n: number) => csvOf(Array.from({ length: n }, (_, i) => csvLine(goodRow(i + 1))));
const messagesOf = (sent: readonly { body: unknown }[]) => sent.map((m) => ImportMessage.parse(m.body));
const chunksOf = (sent: readonly { body: unknown }[]) =>
  messagesOf(sent).flatMap((m) => (m.type === 'chunk' ? [ImportChunk.parse(m)] : []));

describe('split import', () => {
  it('sends one message per chunk of N rows, each row with its row number, then the totals', async () => {
    const f = importFixture({ chunkSize: 100 });
    await f.objects.put('imports/a.csv', rowsCsv(250));
    const out = (await f.splitImport({ importId: 'imp-1', objectKey: 'imports/a.csv' }, ctx))._unsafeUnwrap();
    expect(out).toStrictEqual({ importId: 'imp-1', chunks: 3, rows: 250 });
    const chunks = chunksOf(f.sent);
    expect(chunks.map((c) => [c.chunk, c.rows.length, c.rows[0]?.row, c.rows.at(-1)?.row])).toStrictEqual([
      [0, 100, 1, 100],
      [1, 100, 101, 200],
      [2, 50, 201, 250],
    ]);
    expect(chunks[1]?.rows[0]).toStrictEqual({ row: 101, fields: goodRow(101) });
    expect(messagesOf(f.sent).at(-1)).toStrictEqual({
      type: 'split',
      importId: 'imp-1',
      objectKey: 'imports/a.csv',
      chunks: 3,
      rows: 250,
    });
    expect(f.sent.every((m) => m.correlationId === ctx.correlationId && m.attributes?.importId === 'imp-1')).toBe(true);
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

  it('a repeated run sends the same messages again (they count once downstream)', async () => {
    const f = importFixture({ chunkSize: 10 });
    await f.objects.put('imports/d.csv', rowsCsv(25));
    (await f.splitImport({ importId: 'imp-4', objectKey: 'imports/d.csv' }, ctx))._unsafeUnwrap();
    (await f.splitImport({ importId: 'imp-4', objectKey: 'imports/d.csv' }, ctx))._unsafeUnwrap();
    const bodies = f.sent.map((m) => JSON.stringify(m.body));
    expect(bodies.length).toBe(8);
    expect(bodies.slice(4)).toStrictEqual(bodies.slice(0, 4));
  });

  it('when sending fails half-way, no totals are sent (the import cannot complete short); the retry sends all', async () => {
    const f = importFixture({ chunkSize: 10 });
    await f.objects.put('imports/e.csv', rowsCsv(150));
    f.failSendOn(2); // the second SendMessageBatch (chunks 10..14) fails
    const failed = await f.splitImport({ importId: 'imp-5', objectKey: 'imports/e.csv' }, ctx);
    expect(failed._unsafeUnwrapErr().kind).toBe('Unavailable');
    expect(messagesOf(f.sent).some((m) => m.type === 'split')).toBe(false);
    const firstRun = chunksOf(f.sent);
    expect(firstRun.length).toBe(10);
    (await f.splitImport({ importId: 'imp-5', objectKey: 'imports/e.csv' }, ctx))._unsafeUnwrap();
    const secondRun = chunksOf(f.sent).slice(firstRun.length);
    expect(secondRun.length).toBe(15);
    expect(secondRun.slice(0, firstRun.length)).toStrictEqual(firstRun);
    expect(messagesOf(f.sent).filter((m) => m.type === 'split')).toMatchObject([{ chunks: 15, rows: 150 }]);
  });

  it('a missing object is ObjectNotFound and sends nothing', async () => {
    const f = importFixture();
    const out = await f.splitImport({ importId: 'imp-6', objectKey: 'imports/none.csv' }, ctx);
    expect(out._unsafeUnwrapErr()).toStrictEqual({ kind: 'ObjectNotFound', key: 'imports/none.csv' });
    expect(f.sent).toStrictEqual([]);
  });

  it('a stream that breaks mid-file is Unavailable and sends no totals', async () => {
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
    expect(messagesOf(f.sent).some((m) => m.type === 'split')).toBe(false);
  });

  it('a file with a header only sends just the totals; processing them completes an empty import', async () => {
    const f = importFixture();
    await f.objects.put('imports/empty.csv', csvOf([]));
    expect(
      (await f.splitImport({ importId: 'imp-8', objectKey: 'imports/empty.csv' }, ctx))._unsafeUnwrap(),
    ).toMatchObject({
      chunks: 0,
      rows: 0,
    });
    expect(f.sent.length).toBe(1);
    expect((await f.processChunk(f.sent[0]?.body, ctx))._unsafeUnwrap().finalized).toBe('completed');
    const summary = JSON.parse((await f.objects.getText('imports/imp-8.summary.json'))._unsafeUnwrap());
    expect(summary).toStrictEqual({
      importId: 'imp-8',
      objectKey: 'imports/empty.csv',
      rows: 0,
      placed: 0,
      rejected: [],
    });
  });
});
