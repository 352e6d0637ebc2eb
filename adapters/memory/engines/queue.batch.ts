import type { BatchResultErrorEntry, SendMessageBatchResult, SendMessageBatchResultEntry } from '@aws-sdk/client-sqs';
import { err, ok, type Result } from 'neverthrow';
import { messageSize } from './queue.messages.ts';
import type { QueueError, SendMessageBatchEntry, SendMessageInput, SendMessageOutput } from './queue.types.ts';

const MAX_BATCH_ENTRIES = 10;
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * SendMessageBatch: request-level problems (count, ids, total size) fail the whole call; each entry's
 * own validation lands in `Failed` with SenderFault, as SQS reports it.
 */
export const sendMessageBatch = (
  entries: readonly SendMessageBatchEntry[],
  batchLimitBytes: number,
  send: (input: SendMessageInput) => Result<SendMessageOutput, QueueError>,
): Result<SendMessageBatchResult, QueueError> => {
  if (entries.length === 0)
    return err({
      kind: 'EmptyBatchRequest',
      message: 'There should be at least one SendMessageBatchRequestEntry in the request.',
    });
  if (entries.length > MAX_BATCH_ENTRIES)
    return err({
      kind: 'TooManyEntriesInBatchRequest',
      message: `Maximum number of entries per request are ${MAX_BATCH_ENTRIES}. You have sent ${entries.length}.`,
    });
  const bad = entries.find((e) => !BATCH_ENTRY_ID.test(e.id));
  if (bad)
    return err({
      kind: 'InvalidBatchEntryId',
      message: `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.`,
    });
  if (new Set(entries.map((e) => e.id)).size !== entries.length)
    return err({
      kind: 'BatchEntryIdsNotDistinct',
      message: 'Two or more batch entries in the request have the same Id.',
    });
  const total = entries.reduce((sum, e) => sum + messageSize(e), 0);
  if (total > batchLimitBytes)
    return err({
      kind: 'BatchRequestTooLong',
      message: `Batch requests cannot be longer than ${batchLimitBytes} bytes. You have sent ${total} bytes.`,
    });

  const Successful: SendMessageBatchResultEntry[] = [];
  const Failed: BatchResultErrorEntry[] = [];
  for (const { id, ...input } of entries) {
    send(input).match(
      (out) => Successful.push({ Id: id, ...out }),
      (e) => Failed.push({ Id: id, SenderFault: true, Code: e.kind, Message: e.message }),
    );
  }
  return ok({ Successful, Failed });
};
