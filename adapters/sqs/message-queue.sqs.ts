import {
  type MessageAttributeValue,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import {
  allFailed,
  chunkBy,
  defaultRetryPolicy,
  type EntryFailure,
  type RetryPolicy,
  sendRetryingFailed,
} from '#adapters/eventbridge/partial-batch.ts';
import type { MessageQueue, MessagesNotSent, UnsentMessage } from '#app/ports/message-queue.ts';

/** SendMessageBatch: at most 10 entries, and (like each message) at most 256 KiB in total. */
export const MAX_BATCH_ENTRIES = 10;
export const MAX_BATCH_BYTES = 256 * 1024;
/** SQS allows 10 message attributes; two are ours. */
const MAX_ATTRIBUTES = 10;

export type SqsSenderConfig = Readonly<{
  client: SQSClient;
  queueUrl: string;
  retry?: Partial<RetryPolicy>;
  /** The queue's maximum message size; 256 KiB unless the queue was configured otherwise. */
  maxBatchBytes?: number;
}>;

type Pending = Readonly<{ id: string; entry: SendMessageBatchRequestEntry; size: number }>;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** What SQS counts: the body plus, per attribute, its name, data type and value. */
const sizeOf = (entry: SendMessageBatchRequestEntry): number =>
  utf8(entry.MessageBody ?? '') +
  Object.entries(entry.MessageAttributes ?? {}).reduce(
    (total, [name, v]) => total + utf8(name) + utf8(v.DataType ?? '') + utf8(v.StringValue ?? ''),
    0,
  );

const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });

/**
 * Sends messages with SendMessageBatch in chunks of at most 10 entries and 256 KiB. Entry ids in the request
 * are positional (`m0`, `m1`, …) so that callers' ids need not follow SQS's id rules. Entries SQS reports as
 * failed by its own fault (SenderFault false) and calls that throw transiently are retried, only those, with
 * backoff; what is still unsent at the end comes back as MessagesNotSent listing each one.
 */
export const createSqsSender = ({
  client,
  queueUrl,
  retry,
  maxBatchBytes = MAX_BATCH_BYTES,
}: SqsSenderConfig): MessageQueue => {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...retry };

  const sendOnce = async (batch: readonly Pending[]): Promise<ReadonlyMap<Pending, EntryFailure>> => {
    try {
      const out = await client.send(
        new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((p) => p.entry) }),
      );
      const byId = new Map(batch.map((p) => [p.entry.Id, p]));
      const failures = new Map<Pending, EntryFailure>();
      for (const f of out.Failed ?? []) {
        const pending = byId.get(f.Id);
        if (pending)
          failures.set(pending, { code: f.Code ?? 'Failed', message: f.Message ?? '', retryable: !f.SenderFault });
      }
      // An entry in neither list was not confirmed: sending it again is safer than assuming it arrived.
      const answered = new Set([...(out.Successful ?? []).map((s) => s.Id), ...(out.Failed ?? []).map((f) => f.Id)]);
      for (const p of batch) {
        if (!answered.has(p.entry.Id))
          failures.set(p, { code: 'NoResult', message: 'no result for entry', retryable: true });
      }
      return failures;
    } catch (e) {
      return allFailed(batch, e);
    }
  };

  return {
    sendBatch: (messages) => {
      if (messages.length === 0) return okAsync(undefined);
      const rejected: UnsentMessage[] = [];
      const pending: Pending[] = [];
      messages.forEach((m, i) => {
        const id = m.id ?? String(i);
        const attributes = Object.entries(m.attributes ?? {}).filter(
          ([name]) => name !== 'correlationId' && name !== 'causationId',
        );
        if (attributes.length + 2 > MAX_ATTRIBUTES) {
          rejected.push({
            id,
            code: 'TooManyAttributes',
            message: `at most ${MAX_ATTRIBUTES - 2} extra attributes`,
            retryable: false,
          });
          return;
        }
        const entry: SendMessageBatchRequestEntry = {
          Id: `m${i}`,
          MessageBody: JSON.stringify(m.body ?? null),
          MessageAttributes: {
            ...Object.fromEntries(attributes.map(([name, value]) => [name, text(value)])),
            correlationId: text(m.correlationId),
            causationId: text(m.causationId),
          },
        };
        const size = sizeOf(entry);
        if (size > maxBatchBytes) {
          rejected.push({ id, code: 'MessageTooLarge', message: `${size} bytes > ${maxBatchBytes}`, retryable: false });
          return;
        }
        pending.push({ id, entry, size });
      });

      const run = async () => {
        const unsent = [...rejected];
        for (const batch of chunkBy(pending, MAX_BATCH_ENTRIES, maxBatchBytes, (p) => p.size)) {
          for (const f of await sendRetryingFailed(batch, sendOnce, policy)) {
            unsent.push({
              id: f.entry.id,
              ...f.failure,
              message: `${f.failure.message} (after ${f.attempts} attempts)`,
            });
          }
        }
        return unsent;
      };
      return ResultAsync.fromSafePromise(run()).andThen((unsent) =>
        unsent.length === 0
          ? okAsync(undefined)
          : errAsync<void, MessagesNotSent>({
              kind: 'Unavailable',
              dependency: 'sqs',
              message: `${unsent.length} of ${messages.length} messages not sent: ${unsent.map((u) => `${u.id}: ${u.code}`).join('; ')}`,
              unsent,
            }),
      );
    },
  };
};
