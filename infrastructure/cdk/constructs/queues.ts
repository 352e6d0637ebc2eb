import { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueName } from '#infra/topology/names.ts';
import type { QueueDef } from '#infra/topology/queues.ts';
import { pascal } from '../functions.ts';

export type QueuesProps = Readonly<{
  defs: readonly QueueDef[];
  functionOf: (name: string) => lambda.Function;
}>;

/**
 * Every queue of the topology: SSE-SQS, TLS only, a DLQ with its maxReceiveCount, and the consumer's event-source
 * mapping with partial batch responses and the topology's batch settings. DLQs come first so redrive can refer
 * to them, whatever the order of the data.
 */
export class Queues extends Construct {
  readonly byName: ReadonlyMap<QueueName, sqs.Queue>;

  constructor(scope: Construct, id: string, props: QueuesProps) {
    super(scope, id);
    const byName = new Map<QueueName, sqs.Queue>();
    const isDlq = (d: QueueDef) => props.defs.some((other) => other.deadLetterQueue === d.name);
    const ordered = [...props.defs.filter(isDlq), ...props.defs.filter((d) => !isDlq(d))];
    for (const def of ordered) {
      const dlq = def.deadLetterQueue ? byName.get(def.deadLetterQueue) : undefined;
      // Topology data that names a missing DLQ, or a DLQ without a receive count, is a bug: fail the synth.
      if (def.deadLetterQueue && (!dlq || def.maxReceiveCount === undefined)) {
        throw new Error(`queue ${def.name}: DLQ ${def.deadLetterQueue} needs to be a queue and a maxReceiveCount`);
      }
      const queue = new sqs.Queue(this, pascal(def.name), {
        visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // A DLQ keeps messages as long as SQS allows, so nothing expires before someone looks.
        retentionPeriod: isDlq(def) ? Duration.days(14) : Duration.days(4),
        ...(dlq &&
          def.maxReceiveCount !== undefined && {
            deadLetterQueue: { queue: dlq, maxReceiveCount: def.maxReceiveCount },
          }),
      });
      byName.set(def.name, queue);
      if (def.consumer) {
        const c = def.consumer;
        props.functionOf(c.name).addEventSource(
          new SqsEventSource(queue, {
            batchSize: c.batchSize,
            maxBatchingWindow: Duration.seconds(c.maximumBatchingWindowSeconds),
            maxConcurrency: c.maximumConcurrency,
            reportBatchItemFailures: true,
          }),
        );
      }
    }
    this.byName = byName;
  }

  get(name: QueueName): sqs.Queue {
    const q = this.byName.get(name);
    if (!q) throw new Error(`no queue ${name}`);
    return q;
  }

  /** Queues that are some queue's DLQ (the alarm set). */
  deadLetterQueues(defs: readonly QueueDef[]): sqs.Queue[] {
    const names = new Set(defs.flatMap((d) => (d.deadLetterQueue ? [d.deadLetterQueue] : [])));
    return [...names].map((n) => this.get(n));
  }
}
