import { errAsync, okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { unavailable } from '#app/errors.ts';
import type { ImportChunk } from '#app/imports/import-chunk.ts';
import type { ChunkWorkflow } from '#app/ports/chunk-workflow.ts';
import { summaryKeyOf } from '#domain/imports/import.ts';
import { goodRow } from './import-harness.ts';
import { ctx, importFixture } from './unit-fixture.ts';

const chunkOf = (importId: string, chunk: number, rows: ImportChunk['rows']): ImportChunk => ({
  importId,
  chunk,
  rows,
});

/** An import already split into the given chunks (the splitter's part done by hand). */
const splitInto = async (f: ReturnType<typeof importFixture>, importId: string, chunks: readonly ImportChunk[]) => {
  (await f.imports.create({ importId, objectKey: `imports/${importId}.csv`, createdAt: 'now' }))._unsafeUnwrap();
  const rows = chunks.reduce((n, c) => n + c.rows.length, 0);
  (await f.imports.recordSplit(importId, { chunks: chunks.length, rows }, []))._unsafeUnwrap();
};

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
    await splitInto(f, 'imp-1', [chunk, chunkOf('imp-1', 1, rowsFrom(5, 1))]);
    const out = (await f.processChunk(chunk, ctx))._unsafeUnwrap();
    expect(out).toStrictEqual({
      importId: 'imp-1',
      chunk: 0,
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
  });

  it('a redelivered chunk places nothing twice and is counted once', async () => {
    const f = importFixture();
    const chunk = chunkOf('imp-2', 0, rowsFrom(1, 12));
    await splitInto(f, 'imp-2', [chunk, chunkOf('imp-2', 1, rowsFrom(13, 1))]);
    (await f.processChunk(chunk, ctx))._unsafeUnwrap();
    const again = (await f.processChunk(chunk, ctx))._unsafeUnwrap();
    expect(again).toMatchObject({ placed: 12, recorded: false });
    expect(f.ordersPlaced()).toBe(12);
    expect(f.events('ImportChunkProcessed').length).toBe(1);
    expect((await f.imports.load('imp-2'))._unsafeUnwrap()).toMatchObject({ chunksDone: 1, placed: 12 });
  });

  it('the last chunk in writes the summary and completes the import once, even when processed twice at once', async () => {
    const f = importFixture();
    const chunks = [
      chunkOf('imp-3', 0, rowsFrom(1, 3)),
      chunkOf('imp-3', 1, [...rowsFrom(4, 2), { row: 6, fields: goodRow(6, { paymentToken: 'visa' }) }]),
    ];
    await splitInto(f, 'imp-3', chunks);
    (await f.processChunk(chunks[0]!, ctx))._unsafeUnwrap();
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

  it('poison: a message that is not a chunk, or a chunk of an unknown import, fails and places nothing', async () => {
    const f = importFixture();
    for (const bad of [
      {},
      { importId: 'x', chunk: -1, rows: [] },
      'text',
      { ...chunkOf('imp', 0, rowsFrom(1, 1)), extra: 1 },
    ]) {
      expect((await f.processChunk(bad, ctx))._unsafeUnwrapErr().kind).toBe('ValidationFailed');
    }
    const dup = chunkOf('imp', 0, [...rowsFrom(1, 1), ...rowsFrom(1, 1)]);
    expect((await f.processChunk(dup, ctx))._unsafeUnwrapErr().kind).toBe('ValidationFailed');
    expect((await f.processChunk(chunkOf('nope', 0, rowsFrom(1, 2)), ctx))._unsafeUnwrapErr()).toStrictEqual({
      kind: 'ImportNotFound',
      importId: 'nope',
    });
    expect(f.ordersPlaced()).toBe(0);
  });

  it('a workflow that loses or repeats a row is not recorded (the chunk is retried)', async () => {
    const f = importFixture();
    const chunk = chunkOf('imp-4', 0, rowsFrom(1, 3));
    await splitInto(f, 'imp-4', [chunk]);
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
    await splitInto(f, 'imp-5', [chunk]);
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
