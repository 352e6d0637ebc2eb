import { fc, test } from '@fast-check/vitest';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { errAsync, okAsync } from 'neverthrow';
import { afterAll, describe, expect } from 'vitest';
import { unavailable } from '#app/errors.ts';
import type { ChunkWorkflow } from '#app/ports/chunk-workflow.ts';
import type { ImportRepository } from '#app/ports/import-repository.ts';
import { csvLine, csvOf, goodRow, type RowFields, startImports } from './import-harness.ts';

// Bad rows of every kind, each with what its reason must say.
const BAD = {
  unknownSku: [{ sku: 'NO-SUCH-SKU' }, /^sku: unknown SKU$/],
  zeroQuantity: [{ quantity: '0' }, /^quantity: Too small/],
  negativeQuantity: [{ quantity: '-4' }, /^quantity: Too small/],
  fractionalQuantity: [{ quantity: '1.5' }, /^quantity: must be a whole number$/],
  textQuantity: [{ quantity: 'many' }, /^quantity: must be a whole number$/],
  hugeQuantity: [{ quantity: '5000' }, /^quantity: Too big/],
  missingCustomer: [{ customerId: '' }, /^customerId: required$/],
  missingSku: [{ sku: '' }, /^sku: required$/],
  missingName: [{ name: '' }, /^name: required$/],
  missingCity: [{ city: ' ' }, /^city: required$/],
  badCountry: [{ country: 'Deutschland' }, /^country: must be an ISO 3166-1 alpha-2 code$/],
  badToken: [{ paymentToken: 'card-4242' }, /^paymentToken: must be a payment token/],
} as const satisfies Record<string, readonly [Partial<RowFields>, RegExp]>;
const MALFORMED = {
  textAfterQuote: [
    (n: number) => `c-${n},"MUG-LAMBDA"x,1,A,B,,C,1,FR,tok_visa`,
    /^malformed CSV line: Invalid Closing Quote/,
  ],
  unclosedQuote: [
    (n: number) => `c-${n},MUG-LAMBDA,1,"Ann,B,,C,1,FR,tok_visa`,
    /^malformed CSV line: Quote Not Closed/,
  ],
  quoteInField: [
    (n: number) => `c-${n},MUG"LAMBDA,1,A,B,,C,1,FR,tok_visa`,
    /^malformed CSV line: Invalid Opening Quote/,
  ],
  tooFewFields: [(n: number) => `c-${n},MUG-LAMBDA,1`, /^malformed CSV line: expected 10 fields, found 3$/],
} as const;

type Spec =
  | { kind: 'good'; sku: string; quantity: number; name: string; line2: string }
  | { kind: 'bad'; bad: keyof typeof BAD }
  | { kind: 'malformed'; malformed: keyof typeof MALFORMED }
  | { kind: 'blank' };

const aSpec: fc.Arbitrary<Spec> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('good' as const),
      sku: fc.constantFrom('MUG-LAMBDA', 'BOOK-DDD', 'TEE-EVENTS'),
      quantity: fc.integer({ min: 1, max: 5 }),
      // Names with commas and quotes exercise quoting on the good path.
      name: fc.constantFrom('Ada', 'Doe, Jane', 'The "Boss"', 'Zoë Ørsted'),
      line2: fc.constantFrom('', 'Flat 2'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(...(Object.keys(BAD) as (keyof typeof BAD)[]))
      .map((bad): Spec => ({ kind: 'bad', bad })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(...(Object.keys(MALFORMED) as (keyof typeof MALFORMED)[]))
      .map((malformed): Spec => ({ kind: 'malformed', malformed })),
  },
  { weight: 1, arbitrary: fc.constant<Spec>({ kind: 'blank' }) },
);

type Fault = 'none' | 'workflow-before' | 'workflow-after' | 'record-lost' | 'complete-lost';
const aFault = fc.constantFrom<Fault>('none', 'workflow-before', 'workflow-after', 'record-lost', 'complete-lost');

const lineOf = (spec: Spec, row: number): string => {
  switch (spec.kind) {
    case 'good':
      return csvLine(
        goodRow(row, { sku: spec.sku, quantity: String(spec.quantity), name: spec.name, line2: spec.line2 }),
      );
    case 'bad':
      return csvLine(goodRow(row, BAD[spec.bad][0]));
    case 'malformed':
      return MALFORMED[spec.malformed][0](row);
    case 'blank':
      return '';
  }
};

const firedAcrossRuns = new Set<Fault>();

describe('CSV import, generated files with faults', () => {
  afterAll(() => {
    // Guard against a generator that never injects: every kind of fault happened in some run.
    expect([...firedAcrossRuns].sort()).toStrictEqual([
      'complete-lost',
      'record-lost',
      'workflow-after',
      'workflow-before',
    ]);
  });

  test.prop(
    [
      fc.array(aSpec, { minLength: 1, maxLength: 36 }),
      fc.integer({ min: 1, max: 8 }),
      // Per chunk, the faults of its first two attempts (a third attempt always runs clean: maxReceiveCount is 3).
      fc.array(fc.tuple(aFault, aFault), { maxLength: 40 }),
      fc.array(fc.constantFrom('once', 'twice-in-a-row', 'twice-at-once'), { minLength: 1, maxLength: 16 }),
      fc.boolean(),
    ],
    { numRuns: 60 },
  )(
    'the summary is exact: every row placed or rejected once, with its row number and reason; no order placed twice',
    async (specs, chunkSize, plan, deliveries, notifyTwice) => {
      const attempts = new Map<number, number>();
      const faultOf = (chunk: number, attempt: number): Fault =>
        attempt <= 2 ? (plan[chunk]?.[attempt - 1] ?? 'none') : 'none';
      const current = new Map<number, Fault>();
      const fired = new Set<Fault>();
      // A message on its last receive (maxReceiveCount 3) runs clean: a fault then would only test the DLQ.
      const lastReceive = new Map<string, number>();
      const onLastReceive = (key: string) => (lastReceive.get(key) ?? 0) > 0;
      let completeLostArmed = false;
      let invocation = 0;
      const s = startImports({
        chunkSize,
        faults: {
          workflow: (w): ChunkWorkflow => ({
            run: (chunk, ctx) => {
              const attempt = (attempts.get(chunk.chunk) ?? 0) + 1;
              attempts.set(chunk.chunk, attempt);
              const fault = onLastReceive(String(chunk.chunk)) ? 'none' : faultOf(chunk.chunk, attempt);
              current.set(chunk.chunk, fault);
              if (fault === 'complete-lost') completeLostArmed = true;
              if (fault === 'workflow-before' || fault === 'workflow-after') fired.add(fault);
              if (fault === 'workflow-before') return errAsync(unavailable('sfn', 'throttled'));
              if (fault === 'workflow-after') {
                return w.run(chunk, ctx).andThen(() => errAsync(unavailable('sfn', 'lost answer')));
              }
              return w.run(chunk, ctx);
            },
          }),
          // The write happens, the answer is lost: the caller sees Unavailable and the message comes back.
          imports: (r): ImportRepository => ({
            ...r,
            recordChunk: (id, result, events) =>
              r.recordChunk(id, result, events).andThen((out) => {
                if (current.get(result.chunk) !== 'record-lost') return okAsync(out);
                current.set(result.chunk, 'none');
                fired.add('record-lost');
                return errAsync(unavailable('dynamodb', 'lost answer'));
              }),
            complete: (id, completion, events) =>
              r.complete(id, completion, events).andThen((won) => {
                if (!completeLostArmed || lastReceive.size > 0) return okAsync(won);
                completeLostArmed = false;
                fired.add('complete-lost');
                return errAsync(unavailable('dynamodb', 'lost answer'));
              }),
          }),
          // At-least-once delivery: the same batch handled twice, one after the other or concurrently.
          consumer: (name, handler) =>
            name !== 'import-chunk-processor'
              ? handler
              : async (event: SQSEvent) => {
                  const late = event.Records.filter((r) => Number(r.attributes.ApproximateReceiveCount) >= 3).map((r) =>
                    String((JSON.parse(r.body) as { chunk?: number }).chunk ?? 'split'),
                  );
                  for (const k of late) lastReceive.set(k, (lastReceive.get(k) ?? 0) + 1);
                  try {
                    const how = deliveries[invocation++ % deliveries.length];
                    if (how === 'twice-at-once') {
                      const [first] = await Promise.all([handler(event), handler(event)]);
                      return first;
                    }
                    const first = (await handler(event)) as SQSBatchResponse;
                    if (how === 'twice-in-a-row') await handler(event);
                    return first;
                  } finally {
                    for (const k of late) {
                      const n = (lastReceive.get(k) ?? 1) - 1;
                      if (n === 0) lastReceive.delete(k);
                      else lastReceive.set(k, n);
                    }
                  }
                },
        },
      });
      for (const rule of s.system.bus.ruleNames()) s.system.bus.removeRule(rule); // order flows are not the subject

      const lines = specs.map((spec, i) => lineOf(spec, i + 1));
      const text = csvOf(lines);
      const importId = await s.imports.upload('imports/generated.csv', text);
      if (notifyTwice) s.imports.notifyAgain('imports/generated.csv', text);
      await s.settle();

      const rows = specs.flatMap((spec, i) => (spec.kind === 'blank' ? [] : [{ spec, row: i + 1 }]));
      const good = rows.filter((r) => r.spec.kind === 'good');
      const summary = await s.imports.summary(importId);
      expect(s.imports.deadLetters?.messages()).toStrictEqual([]);
      expect(summary?.rows).toBe(rows.length);
      expect(summary?.placed).toBe(good.length);
      expect(summary?.rejected.map((r) => r.row)).toStrictEqual(
        rows.filter((r) => r.spec.kind !== 'good').map((r) => r.row),
      );
      for (const { row, reason } of summary?.rejected ?? []) {
        const spec = specs[row - 1] as Spec;
        const pattern =
          spec.kind === 'bad' ? BAD[spec.bad][1] : spec.kind === 'malformed' ? MALFORMED[spec.malformed][1] : /^$/;
        expect(reason, `row ${row}`).toMatch(pattern);
      }
      const committed = s.system.adapters.outbox.committed();
      const placedFor = committed
        .filter((e) => e.type === 'OrderPlaced')
        .map((e) => (e.data as { customerId: string }).customerId);
      expect(placedFor.sort()).toStrictEqual(good.map((r) => `c-${r.row}`).sort());
      expect(committed.filter((e) => e.type === 'ImportCompleted').length).toBe(1);
      expect(committed.filter((e) => e.type === 'ImportStarted').length).toBe(1);
      const chunks = committed
        .filter((e) => e.type === 'ImportChunkProcessed')
        .map((e) => (e.data as { chunk: number }).chunk);
      expect(new Set(chunks).size).toBe(chunks.length);
      for (const f of fired) firedAcrossRuns.add(f);
    },
  );
});
