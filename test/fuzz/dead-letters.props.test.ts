import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRules } from '#adapters/eventbridge/patterns/event-patterns.ts';
import type { MemoryQueue } from '#adapters/memory/engines/queue.types.ts';
import type { QueueName } from '#infra/topology/names.ts';
import { SYSTEM_MESSAGES_PER_CONSUMER as MESSAGES } from './budget.ts';
import {
  type BusEventShape,
  type ConsumerFuzzSystem,
  createConsumerFuzzSystem,
  malformedBody,
  malformedEvent,
} from './consumer-harness.ts';

// Many inputs per settle: the virtual clock's walk through visibility timeouts and retries is the cost.
const PER_RUN = 100;
const RUNS = Math.max(1, Math.ceil(MESSAGES / PER_RUN));

let s: ConsumerFuzzSystem;
let baseline: string;
beforeAll(async () => {
  s = await createConsumerFuzzSystem('orchestration');
  baseline = await s.snapshot();
});

const queueNamed = (name: QueueName): MemoryQueue => {
  const q = s.system.queues.get(name);
  if (!q) throw new Error(`no queue ${name}`);
  return q;
};

/** Takes every message out of a DLQ (receive + delete), with the attributes a rule's dead letter carries. */
const drain = (dlq: MemoryQueue) => {
  const views = new Map(dlq.messages().map((m) => [m.messageId, m]));
  const out = [];
  for (;;) {
    const batch = dlq.receiveMessages({ maxNumberOfMessages: 10, visibilityTimeout: 600 })._unsafeUnwrap();
    if (batch.length === 0) return out;
    for (const m of batch) {
      out.push({ ...m, view: views.get(m.MessageId ?? '') });
      dlq.deleteMessage(m.ReceiptHandle ?? '');
    }
  }
};

describe(`malformed input through the in-process system ends in a DLQ with its reason (${MESSAGES} per consumer)`, () => {
  it('SQS: a poison record comes back after every receive, then moves to the DLQ after maxReceiveCount', async () => {
    for (const { queue: def } of s.sqsConsumers) {
      const queue = queueNamed(def.name);
      const dlq = queueNamed(def.deadLetterQueue ?? 'event-delivery-dlq');
      await fc.assert(
        fc.asyncProperty(
          fc.array(malformedBody(s.samples), { minLength: PER_RUN, maxLength: PER_RUN }),
          async (bodies) => {
            const sent = bodies.map((body) => queue.sendMessage({ body })._unsafeUnwrap().MessageId);
            await s.settle();
            const dead = drain(dlq);
            expect(dead.map((m) => m.MessageId).sort()).toEqual([...sent].sort());
            for (const m of dead) {
              expect(m.view?.deadLetter).toMatchObject({
                sourceQueue: def.name,
                reason: 'maxReceiveCountExceeded',
                receiveCount: def.maxReceiveCount,
                lastError: 'Reported in batchItemFailures',
              });
            }
            expect(queue.approximateNumberOfMessages()).toBe(0);
          },
        ),
        { numRuns: RUNS },
      );
    }
    expect(await s.snapshot()).toBe(baseline);
  });

  it('EventBridge: a function target fails every retry, then the event is dead-lettered with ERROR_CODE/ERROR_MESSAGE', async () => {
    const dlq = queueNamed('event-delivery-dlq');
    for (const target of s.functionTargets) {
      const rules = target.rules.filter((r) => s.system.bus.ruleNames().includes(r.name));
      if (rules.length === 0) continue; // a target of the other flow only
      const matcher = compileRules(Object.fromEntries(rules.map((r) => [r.name, r.pattern])))._unsafeUnwrap();
      const matches = (e: BusEventShape) => matcher.matchingRules(e).length > 0;
      const seeds = s.samples.filter(matches);
      expect(seeds.length).toBeGreaterThan(0);
      const event = malformedEvent(seeds, true)
        .map((e) => e as BusEventShape)
        .filter((e) => typeof e.detail === 'object' && e.detail !== null && !Array.isArray(e.detail) && matches(e));
      await fc.assert(
        fc.asyncProperty(fc.array(event, { minLength: PER_RUN, maxLength: PER_RUN }), async (events) => {
          const entries = events.map((e) => ({
            Source: e.source,
            DetailType: e['detail-type'],
            Detail: JSON.stringify(e.detail),
          }));
          for (let i = 0; i < entries.length; i += 10) {
            // PutEvents takes 10 entries per call.
            expect(s.system.bus.putEvents(entries.slice(i, i + 10))._unsafeUnwrap().FailedEntryCount).toBe(0);
          }
          await s.settle();
          const dead = drain(dlq);
          // Other rules may match the same event (analytics, compensations): each has its own reasoned dead letter.
          for (const m of dead) expect(m.MessageAttributes?.ERROR_CODE ?? m.view?.deadLetter).toBeDefined();
          const mine = dead.filter((m) => m.MessageAttributes?.TARGET_ARN?.StringValue === target.name);
          expect(mine).toHaveLength(PER_RUN);
          for (const m of mine) {
            expect(m.MessageAttributes?.ERROR_CODE?.StringValue).toBe('ValidationFailed');
            expect(m.MessageAttributes?.ERROR_MESSAGE?.StringValue).toMatch(/"path"/);
          }
        }),
        { numRuns: RUNS },
      );
    }
    expect(await s.snapshot()).toBe(baseline);
  });
});
