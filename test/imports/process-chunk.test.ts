import { errAsync, okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { unavailable } from '#app/errors.ts';
import type { ImportChunk, ImportSplit } from '#app/imports/import-chunk.ts';
import type { ChunkWorkflow } from '#app/ports/chunk-workflow.ts';
import { summaryKeyOf } from '#domain/imports/import.ts';
import { goodRow } from './import-harness.ts';
import { ctx, importFixture } from './unit-fixture.ts';

const objectKeyOf = (importId: string) => `imports/${importId}.csv`;
const chunkOf = (importId: string, chunk: number, rows: ImportChunk['rows']): ImportChunk => ({
  type: 'chunk',
  importId,
  objectKey: objectKeyOf(importId),
  chunk,
  rows,
});
const splitOf = (importId: string, chunks: readonly ImportChunk[]): ImportSplit => ({
  type: 'split',
  importId,
  objectKey: objectKeyOf(importId),
  chunks: chunks.length,
  rows: chunks.reduce((n, c) => n + c.rows.length, 0),
});
const rowsFrom = (first: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ row: first + i, fields: goodRow(first + i) }));

describe('process chunk', () => {
  it('places good rows, rejects bad ones with their row and reason, records the chunk with ImportChunkProcessed', async () => {
    const f = importFixture();
    const chunk = chunkOf('imp-1', 0, [
      { row: 1, fields: goodRow(1) },
      { row: 2, fields: goodRow(2, { sku: 'NOPE-1' }) },
      { row: 3, error: 'malformed CSV line: Quote Not Closed' },
      { row: 4, fields: goodRow(4, { country: 'France', quantity: '0' }) },
    ]);
    const out = (await f.processChunk(chunk, ctx))._unsafeUnwrap();
    expect(out).toStrictEqual({
      importId: 'imp-1',
      message: 0,
      placed: 1,
      rejected: 3,
      recorded: true,
      finalized: 'pending',
    });
    expect(f.events('ImportChunkProcessed').map((e) => e.data)).toStrictEqual([
      {
        type: 'ImportChunkProcessed',
        importId: 'imp-1',
        chunk: 0,
        placed: 1,
        rejected: [
          { row: 2, reason: 'sku: unknown SKU' },
          { row: 3, reason: 'malformed CSV line: Quote Not Closed' },
          {
            row: 4,
            reason: 'quantity: Too small: expected number to be >=1; country: must be an ISO 3166-1 alpha-2 code',
          },
        ],
      },
    ]);
    expect(f.ordersPlaced()).toBe(1);
    expect(f.events('OrderPlaced')[0]?.data).toMatchObject({ customerId: 'c-1' });
    // The first message of an import, whichever it is, creates the import record.
    expect((await f.imports.load('imp-1'))._unsafeUnwrap()).toMatchObject({
      objectKey: 'imports/imp-1.csv',
      chunksDone: 1,
    });
  });

  it('the split message records the totals with ImportStarted, once', async () => {
    const f = importFixture();
    const chunks = [chunkOf('imp-s', 0, rowsFrom(1, 2)), chunkOf('imp-s', 1, rowsFrom(3, 1))];
    const first = (await f.processChunk(splitOf('imp-s', chunks), ctx))._unsafeUnwrap();
    const again = (await f.processChunk(splitOf('imp-s', chunks), ctx))._unsafeUnwrap();
    expect([first.recorded, again.recorded]).toStrictEqual([true, false]);
    expect(f.events('ImportStarted').map((e) => e.data)).toStrictEqual([
      { type: 'ImportStarted', importId: 'imp-s', objectKey: 'imports/imp-s.csv', chunks: 2, rows: 3 },
    ]);
  });

  it('a redelivered chunk places nothing twice and is counted once', async () => {
    const f = importFixture();
    const chunk = chunkOf('imp-2', 0, rowsFrom(1, 12));
    (await f.processChunk(chunk, ctx))._unsafeUnwrap();
    const again = (await f.processChunk(chunk, ctx))._unsafeUnwrap();
    expect(again).toMatchObject({ placed: 12, recorded: false });
    expect(f.ordersPlaced()).toBe(12);
    expect(f.events('ImportChunkProcessed').length).toBe(1);
    expect((await f.imports.load('imp-2'))._unsafeUnwrap()).toMatchObject({ chunksDone: 1, placed: 12 });
  });

  it('whichever message completes the count writes the summary; ImportCompleted once, even when processed twice at once', async () => {
    const f = importFixture();
    const chunks = [
      chunkOf('imp-3', 0, rowsFrom(1, 3)),
      chunkOf('imp-3', 1, [...rowsFrom(4, 2), { row: 6, fields: goodRow(6, { paymentToken: 'visa' }) }]),
    ];
    (await f.processChunk(chunks[0]!, ctx))._unsafeUnwrap();
    (await f.processChunk(splitOf('imp-3', chunks), ctx))._unsafeUnwrap();
    const [a, b] = await Promise.all([f.processChunk(chunks[1]!, ctx), f.processChunk(chunks[1]!, ctx)]);
    expect([a._unsafeUnwrap().finalized, b._unsafeUnwrap().finalized].sort()).toStrictEqual([
      'already-completed',
      'completed',
    ]);
    expect(f.events('ImportCompleted').map((e) => e.data)).toStrictEqual([
      { type: 'ImportCompleted', importId: 'imp-3', placed: 5, rejected: 1, summaryKey: summaryKeyOf('imp-3') },
    ]);
    expect(JSON.parse((await f.objects.getText(summaryKeyOf('imp-3')))._unsafeUnwrap())).toStrictEqual({
      importId: 'imp-3',
      objectKey: 'imports/imp-3.csv',
      rows: 6,
      placed: 5,
      rejected: [{ row: 6, reason: 'paymentToken: must be a payment token (tok_…)' }],
    });
    expect(f.ordersPlaced()).toBe(5);
  });

  it('the split message last: it completes the import', async () => {
    const f = importFixture();
    const chunks = [chunkOf('imp-l', 0, rowsFrom(1, 2))];
    (await f.processChunk(chunks[0]!, ctx))._unsafeUnwrap();
    expect((await f.processChunk(splitOf('imp-l', chunks), ctx))._unsafeUnwrap().finalized).toBe('completed');
    // A repeated notification after that: its chunks are skipped, no workflow run, nothing placed.
    expect((await f.processChunk(chunks[0]!, ctx))._unsafeUnwrap().finalized).toBe('skipped');
    expect(f.ordersPlaced()).toBe(2);
  });

  it('poison: a message that is not an import message fails and places nothing', async () => {
    const f = importFixture();
    const good = chunkOf('imp', 0, rowsFrom(1, 1));
    for (const bad of [
      {},
      'text',
      { ...good, type: 'other' },
      { ...good, chunk: -1 },
      { ...good, rows: [] },
      { ...good, extra: 1 },
      { ...good, importId: 'has spaces' },
      chunkOf('imp', 0, [...rowsFrom(1, 1), ...rowsFrom(1, 1)]),
      { ...splitOf('imp', [good]), rows: -1 },
    ]) {
      expect((await f.processChunk(bad, ctx))._unsafeUnwrapErr().kind).toBe('ValidationFailed');
    }
    expect(f.ordersPlaced()).toBe(0);
  });

  it('a workflow that loses or repeats a row is not recorded (the chunk is retried)', async () => {
    const f = importFixture();
    const chunk = chunkOf('imp-4', 0, rowsFrom(1, 3));
    const lossy: ChunkWorkflow = {
      run: () =>
        okAsync({
          placed: [
            { row: 1, orderId: 'o' },
            { row: 1, orderId: 'o' },
          ],
          rejected: [],
        }),
    };
    expect((await f.processWith(lossy)(chunk, ctx))._unsafeUnwrapErr().kind).toBe('Unavailable');
    expect((await f.imports.load('imp-4'))._unsafeUnwrap()?.chunksDone).toBe(0);
  });

  it('a workflow that failed after placing some rows: the retry finds those orders and places the rest', async () => {
    const f = importFixture();
    const chunk = chunkOf('imp-5', 0, rowsFrom(1, 20));
    (await f.processChunk(splitOf('imp-5', [chunk]), ctx))._unsafeUnwrap();
    const halfThenFail: ChunkWorkflow = {
      run: (c, x) =>
        f.workflow.run({ ...c, rows: c.rows.slice(0, 7) }, x).andThen(() => errAsync(unavailable('sfn', 'timeout'))),
    };
    expect((await f.processWith(halfThenFail)(chunk, ctx)).isErr()).toBe(true);
    expect(f.ordersPlaced()).toBe(7);
    expect((await f.processChunk(chunk, ctx))._unsafeUnwrap()).toMatchObject({ placed: 20, finalized: 'completed' });
    expect(f.ordersPlaced()).toBe(20);
  });
});
