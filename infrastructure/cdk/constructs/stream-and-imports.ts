import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { outboxStreamFilterPattern } from '#adapters/dynamodb/table.ts';
import { importsFilter } from './data-stores.ts';

/**
 * The outbox relay on the table's stream: new OUTBOX# items only, partial batch responses, bisect on error,
 * and what it finally gives up on goes to the DLQ. It is the only function allowed to PutEvents.
 */
export const wireOutboxRelay = (
  relay: lambda.Function,
  table: dynamodb.Table,
  bus: events.EventBus,
  dlq: sqs.IQueue,
): void => {
  bus.grantPutEventsTo(relay);
  relay.addEventSource(
    // (cast: CDK's declarations predate exactOptionalPropertyTypes)
    new DynamoEventSource(table as dynamodb.ITable, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      maxBatchingWindow: Duration.seconds(1),
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: 10,
      maxRecordAge: Duration.days(1),
      onFailure: new SqsDlq(dlq),
      filters: [lambda.FilterCriteria.filter(outboxStreamFilterPattern as unknown as Record<string, unknown>)],
    }),
  );
};

/**
 * CSV imports: objects under imports/*.csv start the splitter, which may read exactly those objects and fans
 * chunks out to the chunk queue (when the topology has one).
 */
export const wireCsvImports = (
  splitter: lambda.Function,
  bucket: s3.Bucket,
  chunkQueue?: sqs.IQueue,
  processor?: lambda.Function,
): void => {
  bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new LambdaDestination(splitter), importsFilter);
  // No List, no GetBucket*, nothing outside imports/.
  splitter.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['s3:GetObject'],
      resources: [bucket.arnForObjects(`${importsFilter.prefix}*`)],
    }),
  );
  splitter.addEnvironment('IMPORTS_BUCKET', bucket.bucketName);
  if (chunkQueue) {
    chunkQueue.grantSendMessages(splitter);
    splitter.addEnvironment('IMPORT_CHUNKS_QUEUE_URL', chunkQueue.queueUrl);
  }
  if (processor) {
    // The fan-in writes the import's summary next to it, and nothing else.
    processor.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(`${importsFilter.prefix}*.summary.json`)],
      }),
    );
    processor.addEnvironment('IMPORTS_BUCKET', bucket.bucketName);
  }
};
