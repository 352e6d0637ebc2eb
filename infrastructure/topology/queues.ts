import type { ConsumerName, QueueName } from './names.ts';

export type QueueDef = Readonly<{
  name: QueueName;
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the DLQ; absent for a DLQ itself. */
  maxReceiveCount?: number;
  deadLetterQueue?: QueueName;
  /** The function that consumes it through an event-source mapping with ReportBatchItemFailures. */
  consumer?: Readonly<{
    name: ConsumerName;
    batchSize: number;
    maximumBatchingWindowSeconds: number;
    maximumConcurrency: number;
  }>;
}>;

const consumed = (
  name: QueueName,
  consumer: ConsumerName,
  overrides: Partial<Omit<QueueDef, 'name' | 'consumer'>> & { batchSize?: number; maximumConcurrency?: number } = {},
): QueueDef => ({
  name,
  visibilityTimeoutSeconds: overrides.visibilityTimeoutSeconds ?? 60,
  maxReceiveCount: overrides.maxReceiveCount ?? 5,
  deadLetterQueue: `event-delivery-dlq`,
  consumer: {
    name: consumer,
    batchSize: overrides.batchSize ?? 10,
    maximumBatchingWindowSeconds: 1,
    maximumConcurrency: overrides.maximumConcurrency ?? 5,
  },
});

/** Queues, their DLQs and their consumers: read by the CDK stack and by the local runtime. */
export const queues: readonly QueueDef[] = [
  consumed('inventory-requests', 'reserve-stock-on-order-placed'),
  consumed('payment-requests', 'authorize-payment-on-order-placed'),
  // The process manager sees one order's facts in any order; small batches keep retries cheap.
  consumed('order-process', 'advance-order', { batchSize: 5 }),
  consumed('compensations', 'compensate-cancelled-order'),
  { name: 'event-delivery-dlq', visibilityTimeoutSeconds: 60 },
  // CSV import chunks (up to 100 orders each, run as one Express workflow): small batches, a visibility timeout
  // well above a chunk's run time, and a DLQ of their own so a poison chunk is easy to find and redrive.
  {
    ...consumed('import-chunks', 'import-chunk-processor', {
      visibilityTimeoutSeconds: 600,
      maxReceiveCount: 3,
      batchSize: 2,
      maximumConcurrency: 5,
    }),
    deadLetterQueue: 'import-chunks-dlq',
  },
  { name: 'import-chunks-dlq', visibilityTimeoutSeconds: 60 },
];

export const queueByName = (name: QueueName): QueueDef => {
  const q = queues.find((x) => x.name === name);
  if (!q) throw new Error(`no queue ${name}`); // a typo in topology data is a bug
  return q;
};
