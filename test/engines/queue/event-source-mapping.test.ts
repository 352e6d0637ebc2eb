import { createHash } from 'node:crypto';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  createEventSourceMapping,
  type EventSourceMappingOptions,
  type SqsBatchHandler,
} from '#adapters/memory/engines/event-source-mapping.ts';
import { queueWithDlq } from './queue.fixtures.ts';

const T0 = 1_700_000_000_000;

/** Queue (visibility 30 s, DLQ after 3 receives) + mapping whose handler is `respond`, recording every batch. */
const setup = (respond: SqsBatchHandler, options: Partial<EventSourceMappingOptions> = {}) => {
  const env = queueWithDlq(3);
  const batches: Array<{ at: number; bodies: string[]; event: SQSEvent }> = [];
  const mapping = createEventSourceMapping({
    queue: env.queue,
    scheduler: env.scheduler,
    handler: (event) => {
      batches.push({ at: env.scheduler.now() - T0, bodies: event.Records.map((r) => r.body), event });
      return respond(event);
    },
    ...options,
  })._unsafeUnwrap();
  const send = (...bodies: string[]) => bodies.map((body) => env.queue.sendMessage({ body })._unsafeUnwrap().MessageId);
  return { ...env, mapping, batches, send };
};

const idOf = (event: SQSEvent, body: string) => event.Records.find((r) => r.body === body)!.messageId;

describe('event-source mapping: the SQSEvent', () => {
  it('builds records shaped like Lambda’s and deletes the batch after success', async () => {
    const env = setup(async () => undefined);
    env.queue.sendMessage({ body: '{"n":1}', messageAttributes: { kind: { DataType: 'String', StringValue: 'k' } } });
    await env.scheduler.runUntilIdle();
    const [record] = env.batches[0]!.event.Records;
    expect(record).toEqual({
      messageId: expect.any(String),
      receiptHandle: expect.any(String),
      body: '{"n":1}',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(T0),
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: String(T0),
      },
      messageAttributes: { kind: { stringValue: 'k', stringListValues: [], binaryListValues: [], dataType: 'String' } },
      md5OfBody: createHash('md5').update('{"n":1}').digest('hex'),
      md5OfMessageAttributes: expect.stringMatching(/^[0-9a-f]{32}$/),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:orders',
      awsRegion: 'us-east-1',
    });
    expect(env.queue.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(env.mapping.stats()).toMatchObject({ invocations: 1, recordsSucceeded: 1, recordsFailed: 0 });
  });

  it('sends binary attributes base64-encoded, as Lambda does', async () => {
    const env = setup(async () => undefined);
    env.queue.sendMessage({
      body: 'b',
      messageAttributes: { bin: { DataType: 'Binary', BinaryValue: Uint8Array.from([1, 2, 255]) } },
    });
    await env.scheduler.runUntilIdle();
    expect(env.batches[0]!.event.Records[0]!.messageAttributes.bin).toEqual({
      binaryValue: 'AQL/',
      stringListValues: [],
      binaryListValues: [],
      dataType: 'Binary',
    });
  });
});

describe('event-source mapping: batching and concurrency', () => {
  it('invokes with at most batchSize records', async () => {
    const env = setup(async () => undefined, { batchSize: 4 });
    env.send(...Array.from({ length: 10 }, (_, i) => `m${i}`));
    await env.scheduler.runUntilIdle();
    expect(env.batches.map((b) => b.bodies.length)).toEqual([4, 4, 2]);
  });

  it('waits up to the batching window to fill a batch, and no longer', async () => {
    const env = setup(async () => undefined, { batchSize: 50, maximumBatchingWindowSeconds: 5 });
    env.send('a', 'b');
    await env.scheduler.advanceBy(2000);
    env.send('c');
    await env.scheduler.runUntilIdle();
    expect(env.batches.map((b) => [b.at, b.bodies])).toEqual([[5000, ['a', 'b', 'c']]]);
  });

  it('invokes before the window ends once the batch is full', async () => {
    const env = setup(async () => undefined, { batchSize: 20, maximumBatchingWindowSeconds: 20 });
    env.send(...Array.from({ length: 25 }, (_, i) => `m${i}`));
    await env.scheduler.runUntilIdle();
    expect(env.batches.map((b) => [b.at, b.bodies.length])).toEqual([
      [0, 20],
      [20_000, 5],
    ]);
  });

  it('never puts the same message twice in a batch when the window outlasts the visibility timeout', async () => {
    const env = setup(async () => undefined, { batchSize: 20, maximumBatchingWindowSeconds: 70 });
    env.send('a', 'b');
    await env.scheduler.runUntilIdle();
    expect(env.batches.map((b) => [b.at, b.bodies])).toEqual([[70_000, ['a', 'b']]]);
    expect(env.batches[0]!.event.Records[0]!.attributes.ApproximateReceiveCount).toBe('3');
    // received again at 30 s and 60 s; deleting with the newest handles works
    expect(env.queue.stats().deleted).toBe(2);
  });

  it('keeps at most maximumConcurrency batches in flight', async () => {
    const env = setup(async () => {}, { batchSize: 1, maximumConcurrency: 3 });
    let inFlight = 0;
    let peak = 0;
    const sleepy = createEventSourceMapping({
      queue: env.dlq, // a second queue, consumed by a slow handler
      scheduler: env.scheduler,
      batchSize: 1,
      maximumConcurrency: 3,
      handler: async () => {
        peak = Math.max(peak, ++inFlight);
        await new Promise<void>((resolve) => env.scheduler.schedule(1000, resolve));
        inFlight--;
      },
    })._unsafeUnwrap();
    for (let i = 0; i < 10; i++) env.dlq.sendMessage({ body: `m${i}` });
    await env.scheduler.runUntilIdle();
    expect(peak).toBe(3);
    expect(sleepy.stats()).toMatchObject({ invocations: 10, maxConcurrentBatches: 3 });
    expect(env.scheduler.now() - T0).toBe(4000);
  });

  it('validates its settings like CreateEventSourceMapping', () => {
    const env = queueWithDlq(3);
    const make = (o: Partial<EventSourceMappingOptions>) =>
      createEventSourceMapping({ queue: env.queue, scheduler: env.scheduler, handler: () => undefined, ...o });
    expect(make({ maximumConcurrency: 1 }).isErr()).toBe(true);
    expect(make({ maximumConcurrency: 1001 }).isErr()).toBe(true);
    expect(make({ batchSize: 11 }).isErr()).toBe(true); // > 10 needs a batching window
    expect(make({ batchSize: 0 }).isErr()).toBe(true);
    expect(make({ maximumBatchingWindowSeconds: 301 }).isErr()).toBe(true);
  });
});

describe('event-source mapping: partial batch responses (ReportBatchItemFailures)', () => {
  const reporting = { reportBatchItemFailures: true };

  it('returns only the listed records; they come back after the visibility timeout', async () => {
    let calls = 0;
    const env = setup(
      async (event) => (calls++ === 0 ? { batchItemFailures: [{ itemIdentifier: idOf(event, 'b') }] } : undefined),
      reporting,
    );
    env.send('a', 'b', 'c');
    await env.scheduler.runUntilIdle();
    expect(env.batches.map((b) => [b.at, b.bodies])).toEqual([
      [0, ['a', 'b', 'c']],
      [30_000, ['b']],
    ]);
    expect(env.batches[1]!.event.Records[0]!.attributes.ApproximateReceiveCount).toBe('2');
    expect(env.queue.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an empty response', {}],
    ['a null list', { batchItemFailures: null }],
    ['an empty list', { batchItemFailures: [] }],
  ])('treats %s as complete success', async (_, response) => {
    const env = setup(async () => response, reporting);
    env.send('a', 'b');
    await env.scheduler.runUntilIdle();
    expect(env.batches).toHaveLength(1);
    expect(env.queue.stats().deleted).toBe(2);
  });

  it.each([
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a wrong key', { batchItemFailures: [{ itemId: 'x' }] }],
    ['an id not in the batch', { batchItemFailures: [{ itemIdentifier: 'no-such-message' }] }],
    ['a list that is not a list', { batchItemFailures: 'oops' }],
  ])('fails the whole batch on %s', async (_, response) => {
    let calls = 0;
    const env = setup(async () => (calls++ === 0 ? response : undefined), reporting);
    env.send('a', 'b');
    await env.scheduler.runUntilIdle();
    expect(env.batches.map((b) => [b.at, b.bodies.length])).toEqual([
      [0, 2],
      [30_000, 2],
    ]);
    expect(env.mapping.stats()).toMatchObject({ batchesFailed: 1, recordsFailed: 2, recordsSucceeded: 2 });
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('sync');
      },
    ],
    [
      'rejects',
      async () => {
        throw new Error('async');
      },
    ],
  ])('returns the whole batch when the handler %s', async (_, failOnce) => {
    let calls = 0;
    const env = setup(() => (calls++ === 0 ? failOnce() : { batchItemFailures: [] }), reporting);
    env.send('a', 'b');
    await env.scheduler.runUntilIdle();
    expect(env.batches.map((b) => b.at)).toEqual([0, 30_000]);
    expect(env.queue.stats().deleted).toBe(2);
  });
});

describe('event-source mapping: without ReportBatchItemFailures', () => {
  it('ignores batchItemFailures and deletes the whole batch on success', async () => {
    const env = setup(async (event) => ({ batchItemFailures: [{ itemIdentifier: idOf(event, 'a') }] }));
    env.send('a', 'b');
    await env.scheduler.runUntilIdle();
    expect(env.batches).toHaveLength(1);
    expect(env.queue.stats().deleted).toBe(2);
  });

  it('retries the whole batch after a throw, then dead-letters it with the error', async () => {
    const env = setup(async () => {
      throw new TypeError('cannot parse');
    });
    const [id] = env.send('poison');
    await env.scheduler.runUntilIdle();
    expect(env.batches.map((b) => b.at)).toEqual([0, 30_000, 60_000]);
    expect(env.dlq.messages()).toEqual([
      {
        messageId: id,
        body: 'poison',
        state: 'visible',
        receiveCount: 0,
        deadLetter: expect.objectContaining({
          reason: 'maxReceiveCountExceeded',
          receiveCount: 3,
          lastError: 'TypeError: cannot parse',
          movedAt: T0 + 90_000,
        }),
      },
    ]);
  });
});

describe('event-source mapping: visibility timeout shorter than the handler', () => {
  it('redelivers to a second invocation; the late acknowledgement does not delete (stale handle)', async () => {
    const env = setup(async () => {
      await new Promise<void>((resolve) => env.scheduler.schedule(40_000, resolve));
    });
    env.send('slow');
    await env.scheduler.runUntilIdle();
    expect(env.batches.map((b) => [b.at, b.event.Records[0]!.attributes.ApproximateReceiveCount])).toEqual([
      [0, '1'],
      [30_000, '2'],
      [60_000, '3'],
    ]);
    // each ack comes after the next receive: SQS accepts it but keeps the message, which is then dead-lettered
    expect(env.queue.stats()).toMatchObject({ deleted: 0, staleDeletes: 3, movedToDeadLetter: 1 });
    expect(env.dlq.messages()).toHaveLength(1);
  });
});

describe('event-source mapping: stop', () => {
  it('stops polling and releases records gathered for a batch not yet sent', async () => {
    const env = setup(async () => undefined, { batchSize: 100, maximumBatchingWindowSeconds: 10 });
    env.send('a', 'b');
    await env.scheduler.advanceBy(1000);
    expect(env.queue.counts().inFlight).toBe(2);
    await env.mapping.stop();
    expect(env.queue.counts()).toEqual({ visible: 2, inFlight: 0, delayed: 0 });
    env.send('c');
    await env.scheduler.runUntilIdle();
    expect(env.batches).toEqual([]);
  });
});
