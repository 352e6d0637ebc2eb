import { fc, test } from '@fast-check/vitest';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect } from 'vitest';
import { createEventSourceMapping } from '#adapters/memory/engines/event-source-mapping.ts';
import { queueWithDlq } from './queue.fixtures.ts';

type Behaviour = { kind: 'ok' } | { kind: 'transient'; failures: number } | { kind: 'permanent' };

const behaviour: fc.Arbitrary<Behaviour> = fc.oneof(
  fc.constant({ kind: 'ok' as const }),
  fc.record({ kind: fc.constant('transient' as const), failures: fc.integer({ min: 1, max: 4 }) }),
  fc.constant({ kind: 'permanent' as const }),
);

const scenario = (maxHandlerMs: (visibilityMs: number, windowMs: number) => number, visibility = { min: 5, max: 60 }) =>
  fc
    .record({
      visibilityTimeoutSeconds: fc.integer(visibility),
      maximumBatchingWindowSeconds: fc.integer({ min: 0, max: 2 }),
      batchSize: fc.integer({ min: 1, max: 10 }),
      maximumConcurrency: fc.integer({ min: 2, max: 5 }),
      reportBatchItemFailures: fc.boolean(),
      maxReceiveCount: fc.integer({ min: 1, max: 5 }),
      messages: fc.array(fc.record({ behaviour, sendAt: fc.integer({ min: 0, max: 60_000 }) }), {
        minLength: 1,
        maxLength: 25,
      }),
      // per invocation, cycled: whether a failure is reported by throwing (else by listing it), and a duration fraction
      throws: fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }),
      durations: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 16 }),
    })
    .map((s) => ({
      ...s,
      handlerMs: (n: number) =>
        Math.floor(
          (s.durations[n % s.durations.length]! / 100) *
            maxHandlerMs(s.visibilityTimeoutSeconds * 1000, s.maximumBatchingWindowSeconds * 1000),
        ),
    }));
type Scenario = ReturnType<typeof scenario> extends fc.Arbitrary<infer S> ? S : never;

/** Runs the scenario to quiescence; the consumer keeps its own record of what the mapping should have acknowledged. */
const run = async (s: Scenario) => {
  const env = queueWithDlq(s.maxReceiveCount, { visibilityTimeoutSeconds: s.visibilityTimeoutSeconds });
  const behaviourOf = new Map<string, Behaviour>();
  const ids: string[] = [];
  for (const [i, m] of s.messages.entries())
    env.scheduler.schedule(m.sendAt, () => {
      const id = env.queue.sendMessage({ body: `m${i}` })._unsafeUnwrap().MessageId;
      behaviourOf.set(id, m.behaviour);
      ids.push(id);
    });
  const tries = new Map<string, number>();
  const deliveries = new Map<string, number>();
  const acks: Array<{ id: string; lateRisk: boolean }> = [];
  const inThrowingBatch = new Set<string>();
  let invocation = 0;

  const handler = async (event: SQSEvent) => {
    const n = invocation++;
    const durationMs = s.handlerMs(n);
    await new Promise<void>((resolve) => env.scheduler.schedule(durationMs, resolve));
    const records = event.Records.map((r) => r.messageId);
    const failed = records.filter((id) => {
      const b = behaviourOf.get(id)!;
      const attempt = (tries.get(id) ?? 0) + 1;
      tries.set(id, attempt);
      deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
      return b.kind === 'permanent' || (b.kind === 'transient' && attempt <= b.failures);
    });
    const throwing = failed.length > 0 && (!s.reportBatchItemFailures || s.throws[n % s.throws.length]!);
    // Oracle of Lambda's rules: a throw acknowledges nothing; otherwise everything not listed as failed.
    const lateRisk = durationMs + s.maximumBatchingWindowSeconds * 1000 >= s.visibilityTimeoutSeconds * 1000;
    if (throwing) {
      for (const id of records) inThrowingBatch.add(id);
      throw new Error(`failed ${failed.length} of ${records.length}`);
    }
    for (const id of records) if (!failed.includes(id)) acks.push({ id, lateRisk });
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };

  const mapping = createEventSourceMapping({
    queue: env.queue,
    scheduler: env.scheduler,
    handler,
    batchSize: s.batchSize,
    maximumBatchingWindowSeconds: s.maximumBatchingWindowSeconds,
    maximumConcurrency: s.maximumConcurrency,
    reportBatchItemFailures: s.reportBatchItemFailures,
  })._unsafeUnwrap();
  const report = await env.scheduler.runUntilIdle({ maxSteps: 100_000 });
  expect(report.isOk(), JSON.stringify(report)).toBe(true);
  const dead = new Map(env.dlq.messages().map((m) => [m.messageId, m]));
  const acked = new Set(acks.map((a) => a.id));
  return { env, ids, behaviourOf, deliveries, acks, acked, dead, inThrowingBatch, mapping };
};

describe('event-source mapping under fault injection', () => {
  test.prop([scenario((visibilityMs, windowMs) => visibilityMs - windowMs - 1)], { numRuns: 300 })(
    'consumers faster than the visibility timeout: every message is acknowledged exactly once or dead-lettered with its reason, never both',
    async (s) => {
      const r = await run(s);
      expect(r.env.queue.messages()).toEqual([]); // nothing left behind in the source queue
      expect(r.ids).toHaveLength(s.messages.length);
      for (const id of r.ids) {
        const dead = r.dead.get(id);
        expect(r.acked.has(id) !== (dead !== undefined), `message ${id} acked xor dead-lettered`).toBe(true);
        if (dead)
          expect(dead.deadLetter).toMatchObject({
            reason: 'maxReceiveCountExceeded',
            receiveCount: s.maxReceiveCount,
            sourceQueue: 'orders',
          });
        expect(r.deliveries.get(id) ?? 0).toBeLessThanOrEqual(s.maxReceiveCount);
        const b = r.behaviourOf.get(id)!;
        if (b.kind === 'permanent') expect(dead?.deadLetter?.lastError).toBeDefined();
        const retriesSuffice = b.kind === 'ok' || (b.kind === 'transient' && b.failures < s.maxReceiveCount);
        if (retriesSuffice && !r.inThrowingBatch.has(id)) expect(r.acked.has(id)).toBe(true);
      }
      expect(r.acks).toHaveLength(r.acked.size); // no duplicate acknowledgements
      expect(r.acked.size + r.dead.size).toBe(s.messages.length); // the sum check: nothing lost, nothing invented
      expect(r.mapping.stats().recordsSucceeded).toBe(r.acks.length);
      expect(r.env.queue.stats()).toMatchObject({
        deleted: r.acked.size,
        movedToDeadLetter: r.dead.size,
        staleDeletes: 0,
      });
    },
  );

  test.prop([scenario((visibilityMs) => 3 * visibilityMs, { min: 5, max: 10 })], { numRuns: 300 })(
    'consumers slower than the visibility timeout (duplicates): nothing is lost; both states only after a late acknowledgement',
    async (s) => {
      const r = await run(s);
      expect(r.env.queue.messages()).toEqual([]);
      for (const id of r.ids) {
        expect(r.acked.has(id) || r.dead.has(id), `message ${id} lost`).toBe(true);
        const acks = r.acks.filter((a) => a.id === id);
        // a second acknowledgement, or an acknowledgement of a dead-lettered message, needs a stale receipt handle
        if (acks.length > 1 || (acks.length > 0 && r.dead.has(id))) expect(acks.some((a) => a.lateRisk)).toBe(true);
      }
    },
  );
});
