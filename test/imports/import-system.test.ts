import { errAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { unavailable } from '#app/errors.ts';
import { csvLine, csvOf, goodRow, type RowFields, startImports } from './import-harness.ts';

/** The order flows are out of scope for some tests: without rules, OrderPlaced reaches no saga or consumer. */
const withoutOrderFlows = (s: ReturnType<typeof startImports>) => {
  for (const rule of s.system.bus.ruleNames()) s.system.bus.removeRule(rule);
};

describe('CSV import on the local system', () => {
  it.each(['orchestration', 'choreography'] as const)(
    'places each good row through the whole order flow (%s); the summary lists the bad rows',
    async (mode) => {
      const s = startImports({ chunkSize: 4, mode });
      const rows: string[] = [];
      for (let i = 1; i <= 10; i++) {
        const overrides: Partial<RowFields> =
          i === 3 ? { sku: 'NOPE' } : i === 6 ? { paymentToken: 'tok_decline' } : i === 8 ? { quantity: '-1' } : {};
        rows.push(csvLine(goodRow(i, overrides)));
      }
      const importId = await s.imports.upload('imports/mixed.csv', csvOf(rows));
      await s.settle();
      expect(await s.imports.summary(importId)).toStrictEqual({
        importId,
        objectKey: 'imports/mixed.csv',
        rows: 10,
        placed: 8,
        rejected: [
          { row: 3, reason: 'sku: unknown SKU' },
          { row: 8, reason: 'quantity: Too small: expected number to be >=1' },
        ],
      });
      const placed = s.system.adapters.outbox.committed().filter((e) => e.type === 'OrderPlaced');
      expect(placed.length).toBe(8);
      const statuses = await Promise.all(
        placed.map(async (e) => [
          e.data.type === 'OrderPlaced' && e.data.customerId,
          (await s.order((e.data as { orderId: string }).orderId))?.status,
        ]),
      );
      expect(statuses.filter(([, st]) => st === 'CONFIRMED').length).toBe(7);
      expect(statuses.find(([c]) => c === 'c-6')?.[1]).toBe('CANCELLED'); // placed, then declined by the flow
      const types = s.system.adapters.outbox
        .committed()
        .filter((e) => e.source === 'orderly.imports')
        .map((e) => e.type);
      expect(types.filter((t) => t === 'ImportChunkProcessed').length).toBe(3);
      expect(types.filter((t) => t === 'ImportStarted' || t === 'ImportCompleted')).toStrictEqual([
        'ImportStarted',
        'ImportCompleted',
      ]);
    },
  );

  it('10,000 rows with 1% bad rows finish with an exact summary (order flows off)', async () => {
    const started = performance.now();
    const s = startImports();
    withoutOrderFlows(s);
    const kinds: Partial<RowFields>[] = [
      { sku: 'NOPE' },
      { quantity: '0' },
      { quantity: '2.5' },
      { country: 'France' },
      { paymentToken: 'card' },
      { name: '' },
    ];
    const rows: string[] = [];
    const bad: number[] = [];
    for (let i = 1; i <= 10_000; i++) {
      if (i % 100 === 37) {
        bad.push(i);
        rows.push(
          bad.length % 7 === 0 ? `c-${i},"MUG-LAMBDA"x,1` : csvLine(goodRow(i, kinds[bad.length % kinds.length])),
        );
      } else rows.push(csvLine(goodRow(i)));
    }
    const importId = await s.imports.upload('imports/big.csv', csvOf(rows));
    await s.settle();
    const summary = await s.imports.summary(importId);
    expect(summary?.rows).toBe(10_000);
    expect(summary?.placed).toBe(9_900);
    expect(summary?.rejected.map((r) => r.row)).toStrictEqual(bad);
    expect(summary?.rejected.every((r) => r.reason.length > 0)).toBe(true);
    const placed = s.system.adapters.outbox.committed().filter((e) => e.type === 'OrderPlaced');
    expect(new Set(placed.map((e) => (e.data as { customerId: string }).customerId)).size).toBe(9_900);
    expect(placed.length).toBe(9_900);
    expect(s.imports.deadLetters?.approximateNumberOfMessages()).toBe(0);
    console.info(`10,000-row import: ${Math.round(performance.now() - started)} ms real time`);
  }, 120_000);

  it('a poison chunk is retried up to maxReceiveCount, then kept in the DLQ with its receive count and reason', async () => {
    const logged: Record<string, unknown>[] = [];
    const s = startImports({ log: { info: () => {}, warn: (_, fields) => logged.push(fields) } });
    const notAChunk = JSON.stringify({ type: 'chunk', importId: 'imp', objectKey: 'k', chunk: 0, rows: [{ row: 0 }] });
    s.imports.chunkQueue.sendMessage({ body: 'this is not JSON' });
    s.imports.chunkQueue.sendMessage({ body: notAChunk });
    await s.settle();
    const dead = s.imports.deadLetters?.messages() ?? [];
    expect(dead.map((m) => m.body).sort()).toStrictEqual([notAChunk, 'this is not JSON'].sort());
    for (const m of dead) expect(m.deadLetter).toMatchObject({ receiveCount: 3, sourceQueue: 'import-chunks' });
    expect(logged.map((l) => [l.kind, l.receiveCount]).sort()).toStrictEqual([
      ['ValidationFailed', 1],
      ['ValidationFailed', 1],
      ['ValidationFailed', 2],
      ['ValidationFailed', 2],
      ['ValidationFailed', 3],
      ['ValidationFailed', 3],
    ]);
    expect(String(logged.find((l) => l.reason !== 'the body is not JSON')?.reason)).toMatch(/rows/);
    expect(s.imports.chunkQueue.approximateNumberOfMessages()).toBe(0);
  });

  it('a chunk whose workflow fails twice is retried after the visibility timeout and the import completes', async () => {
    let failures = 0;
    const s = startImports({
      chunkSize: 5,
      faults: {
        workflow: (w) => ({
          run: (chunk, ctx) => {
            if (chunk.chunk !== 1 || failures >= 2) return w.run(chunk, ctx);
            failures++;
            return errAsync(unavailable('sfn', 'throttled'));
          },
        }),
      },
    });
    withoutOrderFlows(s);
    const importId = await s.imports.upload(
      'imports/retry.csv',
      csvOf(Array.from({ length: 12 }, (_, i) => csvLine(goodRow(i + 1)))),
    );
    await s.settle();
    expect(failures).toBe(2);
    expect(await s.imports.summary(importId)).toMatchObject({ rows: 12, placed: 12, rejected: [] });
    expect(s.scheduler.now() - Date.parse('2026-01-01T00:00:00Z')).toBeGreaterThanOrEqual(2 * 600_000);
  });

  it('a repeated S3 notification is the same import: no twin orders, one ImportStarted and one ImportCompleted', async () => {
    const s = startImports({ chunkSize: 3 });
    withoutOrderFlows(s);
    const text = csvOf(Array.from({ length: 7 }, (_, i) => csvLine(goodRow(i + 1))));
    const importId = await s.imports.upload('imports/twice.csv', text);
    s.imports.notifyAgain('imports/twice.csv', text);
    await s.settle();
    s.imports.notifyAgain('imports/twice.csv', text);
    await s.settle();
    const committed = s.system.adapters.outbox.committed();
    expect(committed.filter((e) => e.type === 'OrderPlaced').length).toBe(7);
    expect(committed.filter((e) => e.type === 'ImportStarted').length).toBe(1);
    expect(committed.filter((e) => e.type === 'ImportCompleted').length).toBe(1);
    expect(await s.imports.summary(importId)).toMatchObject({ rows: 7, placed: 7 });
  });
});
