import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { fromEventBridgeEvent } from '#adapters/eventbridge/envelope.ts';
import type { Reaction } from '#app/reactions/once.ts';
import { ConsumerError } from '../eventbridge/consumer-error.ts';

const parseBody = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

/**
 * A queue fed by an EventBridge rule: each record's body is the EventBridge event. Records that fail come back
 * in `batchItemFailures` (Powertools batch) and are retried until maxReceiveCount moves them to the DLQ;
 * successful ones are deleted. A record that can never be parsed (a poison message) fails the same way, so it
 * ends in the DLQ with its reason rather than being dropped.
 */
export const sqsConsumer = (reaction: Reaction) => {
  const record = async (r: SQSRecord): Promise<void> => {
    const envelope = fromEventBridgeEvent(parseBody(r.body));
    if (envelope.isErr()) throw new ConsumerError('ValidationFailed', JSON.stringify(envelope.error.issues));
    const result = await reaction(envelope.value);
    if (result.isErr()) throw new ConsumerError(result.error.kind, JSON.stringify(result.error));
  };
  return async (event: SQSEvent): Promise<SQSBatchResponse> =>
    processPartialResponse(event, record, new BatchProcessor(EventType.SQS), { throwOnFullBatchFailure: false });
};
