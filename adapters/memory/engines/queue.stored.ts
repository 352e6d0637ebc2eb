import { randomUUID } from 'node:crypto';
import type { Message } from '@aws-sdk/client-sqs';
import type { StoredMessage } from './queue.internals.ts';
import { md5, md5OfAttributes } from './queue.messages.ts';
import type { MessageState, SendMessageInput } from './queue.types.ts';

/** Delayed = never received since it entered this queue and not yet due; in flight = received and hidden. */
export const stateOf = (m: StoredMessage, now: number): MessageState =>
  m.visibleAt <= now ? 'visible' : m.receiveCount > 0 ? 'inFlight' : 'delayed';

export const newStoredMessage = (input: SendMessageInput, now: number, queueDelaySeconds: number): StoredMessage => {
  // Copied so a sender changing its object later cannot change the stored message (no attributes: nothing to copy).
  const messageAttributes = input.messageAttributes === undefined ? {} : structuredClone(input.messageAttributes);
  return {
    messageId: randomUUID(),
    body: input.body,
    md5OfBody: md5(input.body),
    messageAttributes,
    md5OfMessageAttributes: md5OfAttributes(messageAttributes),
    sentAt: now,
    enqueuedAt: now,
    visibleAt: now + (input.delaySeconds ?? queueDelaySeconds) * 1000,
    receiveCount: 0,
    firstReceivedAt: undefined,
    receivedAt: undefined,
    receiptHandle: undefined,
    lastError: undefined,
    deadLetter: undefined,
    origin: undefined,
  };
};

/** The message as ReceiveMessage returns it (all system and message attributes, as if requested with "All"). */
export const toSdkMessage = (m: StoredMessage, senderId: string): Message => ({
  MessageId: m.messageId,
  ReceiptHandle: m.receiptHandle!,
  MD5OfBody: m.md5OfBody,
  Body: m.body,
  Attributes: {
    ApproximateReceiveCount: String(m.receiveCount),
    SentTimestamp: String(m.sentAt),
    SenderId: senderId,
    ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt),
    ...(m.deadLetter ? { DeadLetterQueueSourceArn: m.deadLetter.sourceQueueArn } : {}),
  },
  ...(m.md5OfMessageAttributes === undefined
    ? {}
    : { MD5OfMessageAttributes: m.md5OfMessageAttributes, MessageAttributes: structuredClone(m.messageAttributes) }),
});
