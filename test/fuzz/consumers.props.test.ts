import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sqsEvent } from '#test/fixtures/events/sqs-events.ts';
import { CONSUMER_RUNS as RUNS } from './budget.ts';
import {
  type ConsumerFuzzSystem,
  createConsumerFuzzSystem,
  malformedBody,
  malformedEvent,
} from './consumer-harness.ts';

let s: ConsumerFuzzSystem;
let baseline: string;
let writes: string;
beforeAll(async () => {
  s = await createConsumerFuzzSystem();
  baseline = await s.snapshot();
  writes = s.writes();
});
afterEach(async () => {
  expect(await s.snapshot()).toBe(baseline);
});

const expectIssues = (message: string) => {
  const issues = JSON.parse(message) as { path: unknown }[];
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) expect(typeof issue.path).toBe('string');
};

describe(`every consumer refuses ${RUNS} generated malformed inputs without acting on them`, () => {
  it('SQS consumers report every malformed record in batchItemFailures, never throw, write nothing', async () => {
    for (const consumer of s.sqsConsumers) {
      await fc.assert(
        fc.asyncProperty(fc.array(malformedBody(s.samples), { minLength: 1, maxLength: 3 }), async (bodies) => {
          const event = sqsEvent(bodies);
          const response = await consumer.handle(event);
          expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
            event.Records.map((r) => r.messageId).sort(),
          );
          expect(s.writes()).toBe(writes);
        }),
        { numRuns: RUNS },
      );
    }
    expect(s.sqsConsumers.map((c) => c.name)).toEqual(
      expect.arrayContaining(['reserve-stock-on-order-placed', 'advance-order', 'compensate-cancelled-order']),
    );
  });

  it('EventBridge function targets throw a named ValidationFailed error with field paths, write nothing', async () => {
    for (const target of s.functionTargets) {
      await fc.assert(
        fc.asyncProperty(malformedEvent(s.samples), async (event) => {
          const failure = await target.handle(event).then(
            () => undefined,
            (e: unknown) => e as Error,
          );
          expect(failure?.name).toBe('ValidationFailed');
          expectIssues(failure?.message ?? '[]');
          expect(s.writes()).toBe(writes);
        }),
        { numRuns: RUNS },
      );
    }
    expect(s.functionTargets.map((t) => t.name)).toEqual(
      expect.arrayContaining(['start-order-saga', 'forward-approval', 'commit-stock-on-confirmation', 'fraud-check']),
    );
  });

  it('the seeds are real events of many types, so corruptions start from what consumers really see', () => {
    const types = new Set(s.samples.map((e) => e['detail-type']));
    for (const t of ['OrderPlaced', 'OrderConfirmed', 'OrderCancelled', 'StockReserved', 'PaymentCaptured']) {
      expect(types).toContain(t);
    }
  });
});
