import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryQueue } from '#adapters/memory/engines/queue.ts';
import { createVirtualScheduler } from '#adapters/memory/engines/scheduler.virtual.ts';
import { queueWith, receiveOne } from './queue.fixtures.ts';

const T0 = 1_700_000_000_000;
const setup = (options: Parameters<typeof queueWith>[1] = {}) => {
  const scheduler = createVirtualScheduler(T0);
  return { scheduler, queue: queueWith(scheduler, { visibilityTimeoutSeconds: 30, ...options }) };
};

describe('memory queue: send and receive', () => {
  it('returns messages shaped like SQS ReceiveMessage, with a new receipt handle per receive', async () => {
    const { scheduler, queue } = setup();
    const sent = queue
      .sendMessage({ body: 'hello', messageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } } })
      ._unsafeUnwrap();
    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update('hello').digest('hex'));
    await scheduler.advanceBy(1000);
    const first = receiveOne(queue);
    expect(first).toMatchObject({
      MessageId: sent.MessageId,
      Body: 'hello',
      MD5OfBody: sent.MD5OfMessageBody,
      MD5OfMessageAttributes: sent.MD5OfMessageAttributes,
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } },
      Attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(T0),
        ApproximateFirstReceiveTimestamp: String(T0 + 1000),
      },
    });
    await scheduler.advanceBy(30_000);
    const second = receiveOne(queue);
    expect(second.ReceiptHandle).not.toBe(first.ReceiptHandle);
    expect(second.Attributes).toMatchObject({
      ApproximateReceiveCount: '2',
      ApproximateFirstReceiveTimestamp: String(T0 + 1000),
    });
  });

  it('computes MD5OfMessageAttributes like SQS (published sample values)', () => {
    const { queue } = setup();
    const one = queue.sendMessage({
      body: 'x',
      messageAttributes: { SellerName: { DataType: 'String', StringValue: 'Example Store' } },
    });
    expect(one._unsafeUnwrap().MD5OfMessageAttributes).toBe('cd28f3b68aeee4b2eac9c66f2f694b58');
    const two = queue.sendMessage({
      body: 'x',
      messageAttributes: {
        ordinal: { DataType: 'Number', StringValue: '1' },
        category: { DataType: 'String', StringValue: 'test' },
      },
    });
    expect(two._unsafeUnwrap().MD5OfMessageAttributes).toBe('d21ae90c49061e927f57df5f5d72be1f');
  });

  it('hides a received message until its visibility timeout elapses', async () => {
    const { scheduler, queue } = setup();
    queue.sendMessage({ body: 'a' });
    receiveOne(queue);
    expect(queue.counts()).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    await scheduler.advanceBy(29_999);
    expect(queue.receiveMessages()._unsafeUnwrap()).toEqual([]);
    await scheduler.advanceBy(1);
    expect(queue.counts()).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
    expect(receiveOne(queue, 5).Body).toBe('a');
    expect(queue.nextVisibleAt()).toBe(T0 + 35_000);
  });

  it('honours queue and per-message delays', async () => {
    const { scheduler, queue } = setup({ delaySeconds: 10 });
    queue.sendMessage({ body: 'queue delay' });
    queue.sendMessage({ body: 'own delay', delaySeconds: 0 });
    expect(queue.counts()).toEqual({ visible: 1, inFlight: 0, delayed: 1 });
    expect(receiveOne(queue).Body).toBe('own delay');
    await scheduler.advanceBy(10_000);
    expect(receiveOne(queue).Body).toBe('queue delay');
  });

  it('receives at most maxNumberOfMessages (1-10)', () => {
    const { queue } = setup();
    for (let i = 0; i < 12; i++) queue.sendMessage({ body: `m${i}` });
    expect(queue.receiveMessages({ maxNumberOfMessages: 10 })._unsafeUnwrap()).toHaveLength(10);
    expect(queue.receiveMessages({ maxNumberOfMessages: 10 })._unsafeUnwrap()).toHaveLength(2);
    expect(queue.receiveMessages({ maxNumberOfMessages: 11 })._unsafeUnwrapErr().kind).toBe('InvalidParameterValue');
    expect(queue.receiveMessages({ maxNumberOfMessages: 0 })._unsafeUnwrapErr().kind).toBe('InvalidParameterValue');
  });

  it('drops messages older than the retention period', async () => {
    const { scheduler, queue } = setup({ messageRetentionSeconds: 60 });
    queue.sendMessage({ body: 'old' });
    await scheduler.advanceBy(60_000);
    expect(queue.receiveMessages()._unsafeUnwrap()).toEqual([]);
    expect(queue.stats().expired).toBe(1);
  });
});

describe('memory queue: validation', () => {
  it('rejects what SendMessage rejects', () => {
    const { queue } = setup();
    expect(queue.sendMessage({ body: '' })._unsafeUnwrapErr().kind).toBe('MissingParameter');
    expect(queue.sendMessage({ body: 'x', delaySeconds: 901 })._unsafeUnwrapErr().kind).toBe('InvalidParameterValue');
    expect(queue.sendMessage({ body: 'bad \u0000 char' })._unsafeUnwrapErr().kind).toBe('InvalidMessageContents');
    expect(queue.sendMessage({ body: 'x'.repeat(262_144) }).isOk()).toBe(true);
    expect(queue.sendMessage({ body: 'x'.repeat(262_145) })._unsafeUnwrapErr().kind).toBe('InvalidParameterValue');
    // attributes count toward the size limit (name + type + value)
    const nearlyFull = {
      body: 'x'.repeat(262_144 - 11),
      messageAttributes: { k: { DataType: 'String', StringValue: 'abcd' } },
    }; // 1 + 6 + 4 bytes
    expect(queue.sendMessage(nearlyFull).isOk()).toBe(true);
    nearlyFull.messageAttributes.k.StringValue = 'abcde';
    expect(queue.sendMessage(nearlyFull).isErr()).toBe(true);
    const attr = (DataType: string, StringValue?: string) => ({
      body: 'x',
      messageAttributes: { a: { DataType, ...(StringValue === undefined ? {} : { StringValue }) } },
    });
    expect(queue.sendMessage(attr('Number', 'abc')).isErr()).toBe(true);
    expect(queue.sendMessage(attr('Weird', 'abc')).isErr()).toBe(true);
    expect(queue.sendMessage(attr('String')).isErr()).toBe(true);
    expect(queue.sendMessage(attr('Number.int', '42')).isOk()).toBe(true);
    const eleven = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]),
    );
    expect(queue.sendMessage({ body: 'x', messageAttributes: eleven }).isErr()).toBe(true);
  });

  it('validates queue attributes like CreateQueue', () => {
    const scheduler = createVirtualScheduler();
    const make = (o: Record<string, unknown>) => createMemoryQueue({ name: 'q', scheduler, ...o });
    expect(make({ name: 'orders.fifo' }).isErr()).toBe(true);
    expect(make({ visibilityTimeoutSeconds: 43_201 }).isErr()).toBe(true);
    expect(make({ delaySeconds: 901 }).isErr()).toBe(true);
    expect(make({ messageRetentionSeconds: 59 }).isErr()).toBe(true);
    expect(make({ maxReceiveCount: 3 }).isErr()).toBe(true); // no DLQ
    const dlq = make({ name: 'dlq' })._unsafeUnwrap();
    expect(make({ deadLetterQueue: dlq }).isErr()).toBe(true); // no maxReceiveCount
    expect(make({ deadLetterQueue: dlq, maxReceiveCount: 0 }).isErr()).toBe(true);
    expect(make({ deadLetterQueue: dlq, maxReceiveCount: 5 }).isOk()).toBe(true);
  });
});

describe('memory queue: SendMessageBatch', () => {
  it('reports each entry in Successful or Failed', () => {
    const { queue } = setup();
    const result = queue
      .sendMessageBatch([
        { id: 'ok1', body: 'one' },
        { id: 'bad', body: 'x', delaySeconds: 5000 },
        { id: 'ok2', body: 'two' },
      ])
      ._unsafeUnwrap();
    expect(result.Successful?.map((s) => s.Id)).toEqual(['ok1', 'ok2']);
    expect(result.Successful?.[0]?.MD5OfMessageBody).toBe(createHash('md5').update('one').digest('hex'));
    expect(result.Failed).toEqual([
      { Id: 'bad', SenderFault: true, Code: 'InvalidParameterValue', Message: expect.any(String) },
    ]);
    expect(queue.counts().visible).toBe(2);
  });

  it('fails the whole request on count, ids and total size', () => {
    const { queue } = setup();
    const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, body: 'b' }));
    expect(queue.sendMessageBatch([])._unsafeUnwrapErr().kind).toBe('EmptyBatchRequest');
    expect(queue.sendMessageBatch(entries(11))._unsafeUnwrapErr().kind).toBe('TooManyEntriesInBatchRequest');
    expect(queue.sendMessageBatch(entries(10)).isOk()).toBe(true);
    const dup = [
      { id: 'same', body: 'a' },
      { id: 'same', body: 'b' },
    ];
    expect(queue.sendMessageBatch(dup)._unsafeUnwrapErr().kind).toBe('BatchEntryIdsNotDistinct');
    expect(queue.sendMessageBatch([{ id: 'has space', body: 'a' }])._unsafeUnwrapErr().kind).toBe(
      'InvalidBatchEntryId',
    );
    const big = [
      { id: 'a', body: 'x'.repeat(200_000) },
      { id: 'b', body: 'x'.repeat(62_145) },
    ];
    expect(queue.sendMessageBatch(big)._unsafeUnwrapErr().kind).toBe('BatchRequestTooLong');
    expect(queue.stats().sent).toBe(10);
  });
});

describe('memory queue: delete and change visibility', () => {
  it('deletes with the latest receipt handle, even after the visibility timeout expired', async () => {
    const { scheduler, queue } = setup();
    queue.sendMessage({ body: 'a' });
    const m = receiveOne(queue);
    await scheduler.advanceBy(60_000);
    expect(queue.deleteMessage(m.ReceiptHandle!)._unsafeUnwrap()).toEqual({ deleted: true });
    expect(queue.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    // deleting again is harmless, as in SQS
    expect(queue.deleteMessage(m.ReceiptHandle!)._unsafeUnwrap()).toEqual({ deleted: false });
  });

  it('an outdated handle succeeds but does not delete (SQS: "the message might not be deleted")', async () => {
    const { scheduler, queue } = setup();
    queue.sendMessage({ body: 'a' });
    const first = receiveOne(queue);
    await scheduler.advanceBy(30_000);
    const second = receiveOne(queue);
    expect(queue.deleteMessage(first.ReceiptHandle!)._unsafeUnwrap()).toEqual({ deleted: false });
    expect(queue.counts().inFlight).toBe(1);
    expect(queue.stats().staleDeletes).toBe(1);
    expect(queue.deleteMessage(second.ReceiptHandle!)._unsafeUnwrap()).toEqual({ deleted: true });
  });

  it('rejects a handle it never issued', () => {
    const { queue } = setup();
    expect(queue.deleteMessage('not-a-handle')._unsafeUnwrapErr().kind).toBe('ReceiptHandleIsInvalid');
    const other = queueWith(createVirtualScheduler(), { name: 'other' });
    other.sendMessage({ body: 'x' });
    const foreign = receiveOne(other).ReceiptHandle!;
    expect(queue.deleteMessage(foreign)._unsafeUnwrapErr().kind).toBe('ReceiptHandleIsInvalid');
  });

  it('changes the visibility of an in-flight message, counted from now', async () => {
    const { scheduler, queue } = setup();
    queue.sendMessage({ body: 'a' });
    const m = receiveOne(queue);
    await scheduler.advanceBy(10_000);
    queue.changeMessageVisibility(m.ReceiptHandle!, 60)._unsafeUnwrap();
    await scheduler.advanceBy(59_999);
    expect(queue.counts().inFlight).toBe(1);
    await scheduler.advanceBy(1);
    expect(queue.counts().visible).toBe(1);
    // no longer in flight
    expect(queue.changeMessageVisibility(m.ReceiptHandle!, 10)._unsafeUnwrapErr().kind).toBe('MessageNotInflight');
  });

  it('visibility 0 releases the message at once; beyond 12 h in total is refused', () => {
    const { queue } = setup();
    queue.sendMessage({ body: 'a' });
    const m = receiveOne(queue);
    expect(queue.changeMessageVisibility(m.ReceiptHandle!, 43_201)._unsafeUnwrapErr().kind).toBe(
      'InvalidParameterValue',
    );
    queue.changeMessageVisibility(m.ReceiptHandle!, 0)._unsafeUnwrap();
    expect(receiveOne(queue).Body).toBe('a');
  });
});
