import { type EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import type { Unavailable } from '#app/errors.ts';
import type { EventPublisher } from '#app/ports/event-publisher.ts';
import type { EventEnvelope } from '#domain/events.ts';
import { MAX_ENTRY_BYTES, putEventsEntrySize, toPutEventsEntry } from './envelope.ts';
import {
  allFailed,
  chunkBy,
  defaultRetryPolicy,
  type EntryFailure,
  type FinalFailure,
  type RetryPolicy,
  sendRetryingFailed,
} from './partial-batch.ts';

/** PutEvents takes at most 10 entries per call. */
export const MAX_ENTRIES_PER_CALL = 10;

export type PublishFailure = Readonly<{ eventId: string; type: string; code: string; message: string }>;
/** Still an Unavailable for the port (the relay retries), with every event that did not make it and why. */
export type PublishFailed = Unavailable & Readonly<{ failures: readonly PublishFailure[] }>;

export type EventBridgePublisher = Readonly<{
  publish: (events: readonly EventEnvelope[]) => ResultAsync<void, PublishFailed>;
}>;

export type EventBridgePublisherConfig = Readonly<{
  client: EventBridgeClient;
  busName: string;
  retry?: Partial<RetryPolicy>;
}>;

// Per-entry codes that no retry can fix; anything else (throttling, InternalFailure, unknown codes) is retried.
const PERMANENT_ENTRY_CODES = new Set([
  'MalformedDetail',
  'InvalidArgument',
  'ValidationException',
  'AccessDeniedException',
  'NotAuthorizedForSourceException',
  'NotAuthorizedForDetailTypeException',
]);

type Pending = Readonly<{ envelope: EventEnvelope; entry: PutEventsRequestEntry; size: number }>;

/**
 * Publishes envelopes with PutEvents: entries over 256 KB are refused locally and never sent; the rest go in
 * calls of at most 10 entries and 256 KB; entries a response reports as failed (FailedEntryCount) and calls
 * that throw transiently (throttling, 5xx) are retried, only those entries, with exponential backoff. Whatever
 * is still unsent at the end comes back as one PublishFailed naming each event, never as silent loss.
 */
export const createEventBridgePublisher = ({
  client,
  busName,
  retry,
}: EventBridgePublisherConfig): EventBridgePublisher & EventPublisher => {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...retry };

  const sendOnce = async (batch: readonly Pending[]): Promise<ReadonlyMap<Pending, EntryFailure>> => {
    try {
      const out = await client.send(new PutEventsCommand({ Entries: batch.map((p) => p.entry) }));
      if (!out.FailedEntryCount) return new Map();
      const results = out.Entries ?? [];
      // Results are positional; if they cannot be matched up, the safe reading is that every entry failed.
      if (results.length !== batch.length) {
        return allFailed(batch, new Error(`PutEvents returned ${results.length} results for ${batch.length} entries`));
      }
      return new Map(
        batch.flatMap((p, i): [Pending, EntryFailure][] => {
          const code = results[i]?.ErrorCode;
          return code
            ? [[p, { code, message: results[i]?.ErrorMessage ?? code, retryable: !PERMANENT_ENTRY_CODES.has(code) }]]
            : [];
        }),
      );
    } catch (e) {
      return allFailed(batch, e);
    }
  };

  const failureOf = ({ envelope }: Pending, code: string, message: string): PublishFailure => ({
    eventId: envelope.id,
    type: envelope.type,
    code,
    message,
  });

  return {
    publish: (events) => {
      if (events.length === 0) return okAsync<void, PublishFailed>(undefined);
      const pending = events.map((envelope): Pending => {
        const entry = toPutEventsEntry(envelope, busName);
        return { envelope, entry, size: putEventsEntrySize(entry) };
      });
      const tooLarge = pending
        .filter((p) => p.size > MAX_ENTRY_BYTES)
        .map((p) => failureOf(p, 'EntryTooLarge', `${p.size} bytes > ${MAX_ENTRY_BYTES}`));
      const sendable = pending.filter((p) => p.size <= MAX_ENTRY_BYTES);
      const batches = chunkBy(sendable, MAX_ENTRIES_PER_CALL, MAX_ENTRY_BYTES, (p) => p.size);

      const run = async () => {
        const failed: FinalFailure<Pending>[] = [];
        for (const batch of batches) failed.push(...(await sendRetryingFailed(batch, sendOnce, policy)));
        return failed;
      };
      return ResultAsync.fromSafePromise(run()).andThen((failed) => {
        const failures = [
          ...tooLarge,
          ...failed.map((f) =>
            failureOf(f.entry, f.failure.code, `${f.failure.message} (after ${f.attempts} attempts)`),
          ),
        ];
        if (failures.length === 0) return okAsync(undefined);
        return errAsync<void, PublishFailed>({
          kind: 'Unavailable',
          dependency: 'eventbridge',
          message: `${failures.length} of ${events.length} events not published: ${failures
            .map((f) => `${f.eventId} (${f.type}): ${f.code}`)
            .join('; ')}`,
          failures,
        });
      });
    },
  };
};
