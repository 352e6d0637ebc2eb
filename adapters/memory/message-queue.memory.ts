import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import { errAsync, okAsync } from 'neverthrow';
import type { MessageQueue, UnsentMessage } from '#app/ports/message-queue.ts';
import type { MemoryQueue } from './engines/queue.types.ts';

const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });

/**
 * The MessageQueue port over an in-process queue, shaped like the SQS sender: batches of 10 with the correlation
 * attributes; entries the queue refuses come back as MessagesNotSent.
 */
export const createMemoryMessageQueue = (queue: MemoryQueue): MessageQueue => ({
  sendBatch: (messages) => {
    const unsent: UnsentMessage[] = [];
    for (let start = 0; start < messages.length; start += 10) {
      const batch = messages.slice(start, start + 10).map((m, i) => ({
        id: `m${start + i}`,
        name: m.id ?? String(start + i),
        body: JSON.stringify(m.body ?? null),
        messageAttributes: {
          ...Object.fromEntries(Object.entries(m.attributes ?? {}).map(([k, v]) => [k, text(v)])),
          correlationId: text(m.correlationId),
          causationId: text(m.causationId),
        },
      }));
      const sent = queue.sendMessageBatch(batch.map(({ name: _, ...entry }) => entry));
      if (sent.isErr()) {
        for (const b of batch)
          unsent.push({ id: b.name, code: sent.error.kind, message: sent.error.message, retryable: false });
        continue;
      }
      for (const f of sent.value.Failed ?? []) {
        const b = batch.find((x) => x.id === f.Id);
        unsent.push({
          id: b?.name ?? f.Id ?? '?',
          code: f.Code ?? 'Failed',
          message: f.Message ?? '',
          retryable: !f.SenderFault,
        });
      }
    }
    return unsent.length === 0
      ? okAsync(undefined)
      : errAsync({ kind: 'Unavailable', dependency: 'sqs', message: `${unsent.length} message(s) not sent`, unsent });
  },
});
