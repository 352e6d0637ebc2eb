import { err, ok, type Result } from 'neverthrow';
import { MAX_DELAY_SECONDS, MAX_VISIBILITY_TIMEOUT_SECONDS } from './queue.messages.ts';
import type { MemoryQueue, QueueError } from './queue.types.ts';
import type { Scheduler } from './scheduler.ts';

export type QueueOptions = {
  name: string;
  scheduler: Scheduler;
  visibilityTimeoutSeconds?: number;
  delaySeconds?: number;
  messageRetentionSeconds?: number;
  /** SQS's classic limit is 256 KiB (also used as the SendMessageBatch total); SQS now allows up to 1 MiB. */
  maximumMessageSize?: number;
  /** Redrive policy: both or neither. */
  deadLetterQueue?: MemoryQueue;
  maxReceiveCount?: number;
  region?: string;
  accountId?: string;
  senderId?: string;
};

export type QueueConfig = Required<Omit<QueueOptions, 'deadLetterQueue' | 'maxReceiveCount'>> &
  Pick<QueueOptions, 'deadLetterQueue' | 'maxReceiveCount'>;

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const inRange = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
const invalid = (message: string): Result<never, QueueError> => err({ kind: 'InvalidParameterValue', message });

/** CreateQueue's attribute ranges; FIFO queues are not modelled, so a `.fifo` name is refused. */
export const validateQueueOptions = (o: QueueOptions): Result<QueueConfig, QueueError> => {
  const cfg: QueueConfig = {
    name: o.name,
    scheduler: o.scheduler,
    visibilityTimeoutSeconds: o.visibilityTimeoutSeconds ?? 30,
    delaySeconds: o.delaySeconds ?? 0,
    messageRetentionSeconds: o.messageRetentionSeconds ?? 345_600,
    maximumMessageSize: o.maximumMessageSize ?? 262_144,
    region: o.region ?? 'us-east-1',
    accountId: o.accountId ?? '123456789012',
    senderId: o.senderId ?? 'AIDAIENQZJOLO23YVJ4VO',
    ...(o.deadLetterQueue ? { deadLetterQueue: o.deadLetterQueue } : {}),
    ...(o.maxReceiveCount === undefined ? {} : { maxReceiveCount: o.maxReceiveCount }),
  };
  if (!QUEUE_NAME.test(cfg.name))
    return invalid(
      `Queue name '${cfg.name}' can only include alphanumeric characters, hyphens, or underscores (1 to 80).`,
    );
  if (!inRange(cfg.visibilityTimeoutSeconds, 0, MAX_VISIBILITY_TIMEOUT_SECONDS))
    return invalid('VisibilityTimeout must be 0-43200 seconds.');
  if (!inRange(cfg.delaySeconds, 0, MAX_DELAY_SECONDS)) return invalid('DelaySeconds must be 0-900 seconds.');
  if (!inRange(cfg.messageRetentionSeconds, 60, 1_209_600))
    return invalid('MessageRetentionPeriod must be 60-1209600 seconds.');
  if (!inRange(cfg.maximumMessageSize, 1024, 1_048_576))
    return invalid('MaximumMessageSize must be 1024-1048576 bytes.');
  if ((cfg.deadLetterQueue === undefined) !== (cfg.maxReceiveCount === undefined))
    return invalid('RedrivePolicy needs both deadLetterTargetArn and maxReceiveCount.');
  if (cfg.maxReceiveCount !== undefined && !inRange(cfg.maxReceiveCount, 1, 1000))
    return invalid('maxReceiveCount must be 1-1000.');
  if (cfg.deadLetterQueue?.name === cfg.name) return invalid('A queue cannot be its own dead-letter queue.');
  return ok(cfg);
};
