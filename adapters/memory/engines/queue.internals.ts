import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { DeadLetterRecord, MemoryQueue } from './queue.types.ts';

/** A message as the queue stores it; `origin` is the queue it was dead-lettered from (for move tasks). */
export type StoredMessage = {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes: Record<string, MessageAttributeValue>;
  md5OfMessageAttributes: string | undefined;
  sentAt: number;
  /** Retention clock: SQS keeps a standard message's original enqueue time even in the dead-letter queue. */
  enqueuedAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  receivedAt: number | undefined;
  receiptHandle: string | undefined;
  lastError: string | undefined;
  deadLetter: DeadLetterRecord | undefined;
  origin: MemoryQueue | undefined;
};

/** What a queue offers other queues (dead-lettering into it, moving out of it), hidden from callers. */
export type QueueInternals = {
  accept: (message: StoredMessage) => void;
  /** Ids of messages a move task may take now (not in flight), in queue order. */
  movableIds: () => string[];
  /** Removes and returns the message if it is still there and not in flight. */
  take: (messageId: string) => StoredMessage | undefined;
  registerSource: (source: MemoryQueue) => void;
  sources: () => readonly MemoryQueue[];
};

const internals = new WeakMap<MemoryQueue, QueueInternals>();

export const bindInternals = (queue: MemoryQueue, impl: QueueInternals) => internals.set(queue, impl);

export const internalsOf = (queue: MemoryQueue): QueueInternals => {
  const impl = internals.get(queue);
  if (!impl) throw new Error(`queue ${queue.name} was not created by createMemoryQueue`); // a wiring bug
  return impl;
};

/** The message as it enters another queue (dead-letter or move-back): a fresh receive history. */
export const reenqueued = (
  m: StoredMessage,
  now: number,
  patch: Pick<StoredMessage, 'deadLetter' | 'origin' | 'enqueuedAt'>,
): StoredMessage => ({
  ...m,
  ...patch,
  visibleAt: now,
  receiveCount: 0,
  firstReceivedAt: undefined,
  receivedAt: undefined,
  receiptHandle: undefined,
  lastError: undefined,
});
