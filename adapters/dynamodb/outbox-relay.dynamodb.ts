import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { z } from 'zod';
import type { EventPublisher } from '#app/ports/event-publisher.ts';
import { EventEnvelope } from '#domain/events.ts';
import { OUTBOX_PREFIX } from './keys.ts';

export type OutboxRelayConfig = Readonly<{
  publisher: EventPublisher;
  /** Envelopes per publish call; a failed call fails exactly those records and every later one. */
  chunkSize?: number;
  /** Told about every record that could not be published (for logs and metrics). */
  onFailure?: (failure: Readonly<{ sequenceNumber: string; eventId?: string; reason: string }>) => void;
}>;

const OutboxImage = z.object({
  pk: z.object({ S: z.string().startsWith(OUTBOX_PREFIX) }),
  envelope: z.object({ S: z.string() }),
});

type Pending = Readonly<{ sequenceNumber: string; envelope?: EventEnvelope; problem?: string }>;

const isOutboxInsert = (r: DynamoDBRecord): boolean =>
  r.eventName === 'INSERT' && (r.dynamodb?.NewImage?.pk?.S ?? '').startsWith(OUTBOX_PREFIX);

const pendingOf = (r: DynamoDBRecord): Pending => {
  const sequenceNumber = r.dynamodb?.SequenceNumber;
  // Lambda always sets it; without it no partial failure can be reported, so failing loudly is all we can do.
  if (!sequenceNumber) throw new Error('DynamoDB stream record without a SequenceNumber');
  const image = OutboxImage.safeParse(r.dynamodb?.NewImage);
  if (!image.success) return { sequenceNumber, problem: 'outbox item without an envelope' };
  let json: unknown;
  try {
    json = JSON.parse(image.data.envelope.S);
  } catch {
    return { sequenceNumber, problem: 'envelope is not JSON' };
  }
  const parsed = EventEnvelope.safeParse(json);
  return parsed.success
    ? // superRefine checked data against the schema its type names, which is what the type says
      { sequenceNumber, envelope: parsed.data as EventEnvelope }
    : { sequenceNumber, problem: `invalid envelope: ${z.prettifyError(parsed.error)}` };
};

/**
 * The outbox relay: a Lambda handler for the table's stream (NEW_IMAGE, ReportBatchItemFailures on). It
 * publishes each inserted OUTBOX# item's envelope, in stream order, and stops at the first failure: that
 * record and every later one come back as `batchItemFailures`, so Lambda retries from there and nothing is
 * lost (publishing is at-least-once; consumers deduplicate by event id). Other records (aggregate writes,
 * TTL deletions) are skipped. A record that can never be published (not an envelope) also stops the batch:
 * it is a bug to see, and after the retries it lands in the event source's on-failure destination.
 */
export const createOutboxRelay =
  ({ publisher, chunkSize = 10, onFailure }: OutboxRelayConfig) =>
  async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const pending = event.Records.filter(isOutboxInsert).map(pendingOf);
    const failedFrom = (index: number, reason: string): DynamoDBBatchResponse => {
      const failed = pending.slice(index);
      for (const p of failed) {
        onFailure?.({
          sequenceNumber: p.sequenceNumber,
          ...(p.envelope && { eventId: p.envelope.id }),
          reason: p.problem ?? reason,
        });
      }
      return { batchItemFailures: failed.map((p) => ({ itemIdentifier: p.sequenceNumber })) };
    };

    for (let start = 0; start < pending.length; ) {
      const chunk: EventEnvelope[] = [];
      let end = start;
      while (end < pending.length && chunk.length < chunkSize && pending[end]?.envelope) {
        chunk.push(pending[end]!.envelope!);
        end++;
      }
      if (chunk.length === 0) return failedFrom(start, 'not publishable');
      const published = await publisher.publish(chunk);
      if (published.isErr()) return failedFrom(start, published.error.message);
      start = end;
    }
    return { batchItemFailures: [] };
  };
