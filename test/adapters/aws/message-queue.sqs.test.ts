import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSqsSender, MAX_BATCH_BYTES } from '#adapters/sqs/message-queue.sqs.ts';
import type { OutgoingMessage } from '#app/ports/message-queue.ts';
import { awsError, fakeAws, recordingSleep } from './fixtures.ts';

const sqs = mockClient(SQSClient);
const client = new SQSClient(fakeAws);
const queueUrl = 'https://sqs.eu-west-1.amazonaws.com/123456789012/payments';

const message = (i: number, body: unknown = { n: i }): OutgoingMessage => ({
  id: `msg-${i}`,
  body,
  correlationId: `corr-${i}`,
  causationId: `evt-${i}`,
});
const batches = () =>
  sqs
    .commandCalls(SendMessageBatchCommand)
    .map((c) => (c.args[0].input.Entries ?? []) as SendMessageBatchRequestEntry[]);
const bodies = (entries: readonly SendMessageBatchRequestEntry[]) =>
  entries.map((e) => JSON.parse(e.MessageBody ?? ''));
const allOk = (input: { Entries?: SendMessageBatchRequestEntry[] }) => ({
  Successful: (input.Entries ?? []).map((e) => ({ Id: e.Id, MessageId: `id-${e.Id}`, MD5OfMessageBody: 'x' })),
  Failed: [],
});

describe('SQS sender (SendMessageBatch request contract)', () => {
  let sleep: ReturnType<typeof recordingSleep>;
  beforeEach(() => {
    sqs.reset();
    sleep = recordingSleep();
  });
  const sender = (maxAttempts = 4) =>
    createSqsSender({ client, queueUrl, retry: { sleep: sleep.sleep, random: () => 1, maxAttempts } });

  it('sends JSON bodies with correlationId and causationId as String attributes, to the queue', async () => {
    sqs.on(SendMessageBatchCommand).callsFake(allOk);
    const m = { ...message(1), attributes: { tenant: 't-1', correlationId: 'ignored' } };
    expect((await sender().sendBatch([m])).isOk()).toBe(true);
    const call = sqs.commandCalls(SendMessageBatchCommand)[0]!.args[0].input;
    expect(call).toEqual({
      QueueUrl: queueUrl,
      Entries: [
        {
          Id: 'm0',
          MessageBody: '{"n":1}',
          MessageAttributes: {
            tenant: { DataType: 'String', StringValue: 't-1' },
            correlationId: { DataType: 'String', StringValue: 'corr-1' },
            causationId: { DataType: 'String', StringValue: 'evt-1' },
          },
        },
      ],
    });
  });

  it('splits 23 messages into 10, 10 and 3, and big ones by the 256 KiB batch size', async () => {
    sqs.on(SendMessageBatchCommand).callsFake(allOk);
    expect((await sender().sendBatch(Array.from({ length: 23 }, (_, i) => message(i)))).isOk()).toBe(true);
    expect(batches().map((b) => b.length)).toEqual([10, 10, 3]);
    sqs.resetHistory();
    const big = Array.from({ length: 5 }, (_, i) => message(i, 'x'.repeat(100_000)));
    expect((await sender().sendBatch(big)).isOk()).toBe(true);
    expect(batches().map((b) => b.length)).toEqual([2, 2, 1]);
  });

  it('rejects a message over the limit locally and sends the rest', async () => {
    sqs.on(SendMessageBatchCommand).callsFake(allOk);
    const result = await sender().sendBatch([message(1), message(2, 'x'.repeat(MAX_BATCH_BYTES)), message(3)]);
    expect(result._unsafeUnwrapErr()).toMatchObject({
      kind: 'Unavailable',
      dependency: 'sqs',
      unsent: [{ id: 'msg-2', code: 'MessageTooLarge', retryable: false }],
    });
    expect(batches().flatMap(bodies)).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it('re-sends only the entries that failed on the server side, not those refused as the sender’s fault', async () => {
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: [{ Id: 'm0', MessageId: 'a', MD5OfMessageBody: 'x' }],
        Failed: [
          { Id: 'm1', SenderFault: false, Code: 'InternalError' },
          { Id: 'm2', SenderFault: true, Code: 'InvalidParameterValue', Message: 'bad' },
          { Id: 'm3', SenderFault: false, Code: 'ServiceUnavailable' },
        ],
      })
      .callsFake(allOk);
    const result = await sender().sendBatch([0, 1, 2, 3].map((i) => message(i)));
    const [first, second] = batches();
    expect(second).toEqual([first![1], first![3]]);
    expect(result._unsafeUnwrapErr().unsent).toEqual([
      { id: 'msg-2', code: 'InvalidParameterValue', message: 'bad (after 1 attempts)', retryable: false },
    ]);
  });

  it('gives up after the last attempt with every unsent message listed', async () => {
    sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: SendMessageBatchRequestEntry[] }) => ({
      Successful: [],
      Failed: input.Entries.map((e) => ({ Id: e.Id, SenderFault: false, Code: 'InternalError' })),
    }));
    const result = await sender(3).sendBatch([message(1), message(2)]);
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(3);
    expect(sleep.delays).toEqual([100, 200]);
    expect(result._unsafeUnwrapErr().unsent.map((u) => [u.id, u.code])).toEqual([
      ['msg-1', 'InternalError'],
      ['msg-2', 'InternalError'],
    ]);
  });

  it('retries a throttled call', async () => {
    sqs.on(SendMessageBatchCommand).rejectsOnce(awsError('RequestThrottled')).callsFake(allOk);
    expect((await sender().sendBatch([message(1)])).isOk()).toBe(true);
    expect(batches()).toHaveLength(2);
  });

  it('for any messages and any server-side failures that clear in time: each message sent exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.string({ maxLength: 30 }), fc.integer({ min: 0, max: 3 })), { maxLength: 30 }),
        async (specs) => {
          sqs.reset();
          const failuresLeft = new Map(specs.map(([, n], i) => [i, n]));
          const received: number[] = [];
          sqs.on(SendMessageBatchCommand).callsFake((input: { Entries: SendMessageBatchRequestEntry[] }) => {
            expect(input.Entries.length).toBeLessThanOrEqual(10);
            const Failed = [];
            const Successful = [];
            for (const e of input.Entries) {
              const i = JSON.parse(e.MessageBody ?? '').i as number;
              const left = failuresLeft.get(i) ?? 0;
              if (left > 0) {
                failuresLeft.set(i, left - 1);
                Failed.push({ Id: e.Id, SenderFault: false, Code: 'InternalError' });
              } else {
                received.push(i);
                Successful.push({ Id: e.Id, MessageId: 'x', MD5OfMessageBody: 'x' });
              }
            }
            return { Successful, Failed };
          });
          const messages = specs.map(([text], i) => ({ body: { i, text }, correlationId: 'c', causationId: 'e' }));
          expect((await sender(4).sendBatch(messages)).isOk()).toBe(true);
          expect(received.sort((a, b) => a - b)).toEqual(specs.map((_, i) => i));
        },
      ),
      { numRuns: 60 },
    );
  });
});
