import { describe, expect, it } from 'vitest';
import { createVirtualScheduler } from '#adapters/memory/engines/scheduler.virtual.ts';
import { queueWith, queueWithDlq, receiveOne } from './queue.fixtures.ts';

/** Receives and abandons the message `times` times (visibility expires each time). */
const abandon = async (env: ReturnType<typeof queueWithDlq>, times: number) => {
  for (let i = 0; i < times; i++) {
    receiveOne(env.queue);
    await env.scheduler.advanceBy(30_000);
  }
};

describe('redrive to the dead-letter queue', () => {
  it('moves a message on the receive that would exceed maxReceiveCount, keeping id, body and attributes', async () => {
    const env = queueWithDlq(3);
    const sent = env.queue
      .sendMessage({ body: 'poison', messageAttributes: { t: { DataType: 'String', StringValue: 'v' } } })
      ._unsafeUnwrap();
    await abandon(env, 3);
    expect(env.queue.receiveMessages()._unsafeUnwrap()).toEqual([]); // 4th receive: moved instead
    expect(env.queue.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(env.queue.stats().movedToDeadLetter).toBe(1);
    const [dead] = env.dlq.messages();
    expect(dead).toMatchObject({
      messageId: sent.MessageId,
      body: 'poison',
      receiveCount: 0,
      deadLetter: {
        sourceQueue: 'orders',
        sourceQueueArn: 'arn:aws:sqs:us-east-1:123456789012:orders',
        reason: 'maxReceiveCountExceeded',
        receiveCount: 3,
      },
    });
    const received = receiveOne(env.dlq);
    expect(received).toMatchObject({
      MessageId: sent.MessageId,
      MD5OfMessageAttributes: sent.MD5OfMessageAttributes,
      MessageAttributes: { t: { DataType: 'String', StringValue: 'v' } },
      Attributes: { DeadLetterQueueSourceArn: env.queue.arn, SentTimestamp: String(1_700_000_000_000) },
    });
  });

  it('records the last failure a consumer noted', async () => {
    const env = queueWithDlq(1);
    env.queue.sendMessage({ body: 'x' });
    const m = receiveOne(env.queue);
    env.queue.noteFailure(m.ReceiptHandle!, 'TypeError: boom');
    await env.scheduler.advanceBy(30_000);
    env.queue.receiveMessages();
    expect(env.dlq.messages()[0]?.deadLetter).toMatchObject({ lastError: 'TypeError: boom', receiveCount: 1 });
  });

  it('does not move a message that was deleted in time', async () => {
    const env = queueWithDlq(1);
    env.queue.sendMessage({ body: 'x' });
    const m = receiveOne(env.queue);
    env.queue.deleteMessage(m.ReceiptHandle!)._unsafeUnwrap();
    await env.scheduler.advanceBy(30_000);
    env.queue.receiveMessages();
    expect(env.dlq.messages()).toEqual([]);
  });
});

describe('message move task (redrive back from the DLQ)', () => {
  it('moves dead letters back to their source queue with a fresh receive count', async () => {
    const env = queueWithDlq(1);
    const ids = ['a', 'b', 'c'].map((body) => env.queue.sendMessage({ body })._unsafeUnwrap().MessageId);
    env.queue.receiveMessages({ maxNumberOfMessages: 10 });
    await env.scheduler.advanceBy(30_000);
    env.queue.receiveMessages({ maxNumberOfMessages: 10 });
    expect(env.dlq.counts().visible).toBe(3);

    const task = env.dlq.startMessageMoveTask()._unsafeUnwrap();
    expect(task.status()).toMatchObject({ status: 'RUNNING', approximateNumberOfMessagesToMove: 3 });
    await env.scheduler.runUntilIdle();
    expect(await task.done).toEqual({
      status: 'COMPLETED',
      approximateNumberOfMessagesMoved: 3,
      approximateNumberOfMessagesToMove: 3,
    });
    expect(env.dlq.messages()).toEqual([]);
    expect(env.queue.messages().map((m) => [m.messageId, m.receiveCount, m.deadLetter])).toEqual(
      ids.map((id) => [id, 0, undefined]),
    );
    // they can be consumed again (and dead-lettered again)
    expect(receiveOne(env.queue).Attributes?.ApproximateReceiveCount).toBe('1');
  });

  it('honours maxNumberOfMessagesPerSecond and skips messages in flight in the DLQ', async () => {
    const env = queueWithDlq(1);
    for (let i = 0; i < 5; i++) env.queue.sendMessage({ body: `m${i}` });
    env.queue.receiveMessages({ maxNumberOfMessages: 10 });
    await env.scheduler.advanceBy(30_000);
    env.queue.receiveMessages({ maxNumberOfMessages: 10 });
    receiveOne(env.dlq); // someone is inspecting one dead letter
    const task = env.dlq.startMessageMoveTask({ maxNumberOfMessagesPerSecond: 2 })._unsafeUnwrap();
    expect(task.status().approximateNumberOfMessagesToMove).toBe(4);
    await env.scheduler.advanceBy(0);
    expect(task.status().approximateNumberOfMessagesMoved).toBe(2);
    await env.scheduler.advanceBy(1000);
    expect(task.status()).toMatchObject({ status: 'COMPLETED', approximateNumberOfMessagesMoved: 4 });
    expect(env.dlq.counts()).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
  });

  it('moves to an explicit destination, refuses a second running task, and can be cancelled', async () => {
    const env = queueWithDlq(1);
    const elsewhere = queueWith(env.scheduler, { name: 'elsewhere' });
    for (let i = 0; i < 3; i++) env.queue.sendMessage({ body: `m${i}` });
    env.queue.receiveMessages({ maxNumberOfMessages: 10 });
    await env.scheduler.advanceBy(30_000);
    env.queue.receiveMessages({ maxNumberOfMessages: 10 });
    const task = env.dlq
      .startMessageMoveTask({ destination: elsewhere, maxNumberOfMessagesPerSecond: 1 })
      ._unsafeUnwrap();
    expect(env.dlq.startMessageMoveTask()._unsafeUnwrapErr().kind).toBe('MoveTaskAlreadyRunning');
    await env.scheduler.advanceBy(0);
    task.cancel();
    expect((await task.done).status).toBe('CANCELLED');
    await env.scheduler.runUntilIdle();
    expect(elsewhere.counts().visible).toBe(1);
    expect(env.dlq.counts().visible).toBe(2);
  });

  it('refuses to start on a queue that is nobody’s dead-letter queue', () => {
    const plain = queueWith(createVirtualScheduler(), { name: 'plain' });
    expect(plain.startMessageMoveTask()._unsafeUnwrapErr().kind).toBe('UnsupportedOperation');
  });
});
