import type { QueueOptions } from '#adapters/memory/engines/queue.options.ts';
import { createMemoryQueue } from '#adapters/memory/engines/queue.ts';
import type { MemoryQueue } from '#adapters/memory/engines/queue.types.ts';
import { createVirtualScheduler, type VirtualScheduler } from '#adapters/memory/engines/scheduler.virtual.ts';

export const queueWith = (
  scheduler: VirtualScheduler,
  options: Partial<QueueOptions> & { name?: string } = {},
): MemoryQueue => createMemoryQueue({ name: 'orders', scheduler, ...options })._unsafeUnwrap();

/** A source queue with a dead-letter queue (long retention so dead letters outlive tests' virtual time). */
export const queueWithDlq = (maxReceiveCount: number, options: Partial<QueueOptions> = {}) => {
  const scheduler = createVirtualScheduler(1_700_000_000_000);
  const dlq = queueWith(scheduler, { name: 'orders-dlq', messageRetentionSeconds: 1_209_600 });
  const queue = queueWith(scheduler, { deadLetterQueue: dlq, maxReceiveCount, ...options });
  return { scheduler, queue, dlq };
};

export const receiveOne = (queue: MemoryQueue, visibilityTimeout?: number) => {
  const received = queue.receiveMessages(visibilityTimeout === undefined ? {} : { visibilityTimeout })._unsafeUnwrap();
  if (received.length !== 1) throw new Error(`expected exactly one message, got ${received.length}`);
  return received[0]!;
};
