import type { Message } from '@aws-sdk/client-sqs';
import { err, ok, type Result } from 'neverthrow';
import { sendMessageBatch } from './queue.batch.ts';
import { bindInternals, internalsOf, reenqueued, type StoredMessage } from './queue.internals.ts';
import { MAX_VISIBILITY_TIMEOUT_SECONDS, validateMessage } from './queue.messages.ts';
import { type QueueOptions, validateQueueOptions } from './queue.options.ts';
import { createReceiptHandles } from './queue.receipts.ts';
import { startMoveTask } from './queue.redrive.ts';
import { newStoredMessage, stateOf, toSdkMessage } from './queue.stored.ts';
import type { MemoryQueue, QueueError, QueueStats } from './queue.types.ts';
import { createVisibilityIndex } from './queue.visibility.ts';

const MAX_RECEIVE = 10;

const invalid = (message: string): QueueError => ({ kind: 'InvalidParameterValue', message });
const validVisibility = (s: number) => Number.isInteger(s) && s >= 0 && s <= MAX_VISIBILITY_TIMEOUT_SECONDS;

/** An in-process standard SQS queue: visibility timeouts, delays, retention and a redrive policy. */
export const createMemoryQueue = (options: QueueOptions): Result<MemoryQueue, QueueError> =>
  validateQueueOptions(options).map((cfg) => {
    const { name, scheduler } = cfg;
    const store = new Map<string, StoredMessage>();
    const listeners = new Set<() => void>();
    const sources: MemoryQueue[] = [];
    const stats: QueueStats = { sent: 0, received: 0, deleted: 0, staleDeletes: 0, movedToDeadLetter: 0, expired: 0 };
    const arn = `arn:aws:sqs:${cfg.region}:${cfg.accountId}:${name}`;
    const moveTask = { running: false };
    const visibility = createVisibilityIndex(store);
    const receipts = createReceiptHandles(name);

    const notify = () => {
      for (const listener of [...listeners]) listener();
    };
    // Retention is checked lazily on every access so an untouched queue holds no timers (and can be idle). The
    // earliest expiry is remembered, so an access scans the store only when a message can actually have expired
    // (a scan per receive made a backlog cost O(n) per poll).
    const retentionMs = cfg.messageRetentionSeconds * 1000;
    let earliestExpiry = Number.POSITIVE_INFINITY;
    const purgeExpired = (now: number) => {
      if (now < earliestExpiry) return;
      earliestExpiry = Number.POSITIVE_INFINITY;
      for (const m of store.values()) {
        const expiry = m.enqueuedAt + retentionMs;
        if (expiry <= now) {
          store.delete(m.messageId);
          stats.expired++;
        } else earliestExpiry = Math.min(earliestExpiry, expiry);
      }
    };
    const accept = (m: StoredMessage) => {
      store.set(m.messageId, m);
      visibility.noteVisibleAt(m, scheduler.now());
      earliestExpiry = Math.min(earliestExpiry, m.enqueuedAt + retentionMs);
      notify();
    };
    const current = (handle: string): Result<StoredMessage | undefined, QueueError> => {
      const id = receipts.messageIdOf(handle);
      if (id === undefined)
        return err({ kind: 'ReceiptHandleIsInvalid', message: `The input receipt handle "${handle}" is not valid.` });
      const m = store.get(id);
      return ok(m?.receiptHandle === handle ? m : undefined);
    };

    const moveToDeadLetter = (m: StoredMessage, now: number) => {
      const dlq = cfg.deadLetterQueue!;
      store.delete(m.messageId);
      stats.movedToDeadLetter++;
      const deadLetter = {
        sourceQueue: name,
        sourceQueueArn: arn,
        reason: 'maxReceiveCountExceeded' as const,
        receiveCount: m.receiveCount,
        movedAt: now,
        ...(m.lastError === undefined ? {} : { lastError: m.lastError }),
      };
      internalsOf(dlq).accept(reenqueued(m, now, { deadLetter, origin: queue, enqueuedAt: m.enqueuedAt }));
    };

    const sendMessage: MemoryQueue['sendMessage'] = (input) =>
      validateMessage(input, cfg.maximumMessageSize).map(() => {
        const m = newStoredMessage(input, scheduler.now(), cfg.delaySeconds);
        stats.sent++;
        accept(m);
        return {
          MessageId: m.messageId,
          MD5OfMessageBody: m.md5OfBody,
          ...(m.md5OfMessageAttributes === undefined ? {} : { MD5OfMessageAttributes: m.md5OfMessageAttributes }),
        };
      });

    const queue: MemoryQueue = {
      name,
      arn,
      url: `https://sqs.${cfg.region}.amazonaws.com/${cfg.accountId}/${name}`,
      sendMessage,
      sendMessageBatch: (entries) => sendMessageBatch(entries, cfg.maximumMessageSize, sendMessage),
      receiveMessages: ({ maxNumberOfMessages = 1, visibilityTimeout = cfg.visibilityTimeoutSeconds } = {}) => {
        if (!(Number.isInteger(maxNumberOfMessages) && maxNumberOfMessages >= 1 && maxNumberOfMessages <= MAX_RECEIVE))
          return err(
            invalid(
              `Value ${maxNumberOfMessages} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10.`,
            ),
          );
        if (!validVisibility(visibilityTimeout))
          return err(invalid(`Value ${visibilityTimeout} for parameter VisibilityTimeout is invalid.`));
        const now = scheduler.now();
        purgeExpired(now);
        const received: Message[] = [];
        for (const m of store.values()) {
          if (received.length >= maxNumberOfMessages) break;
          if (m.visibleAt > now) continue;
          // Redrive policy: SQS moves the message when a receive would take it past maxReceiveCount.
          if (cfg.deadLetterQueue && m.receiveCount >= cfg.maxReceiveCount!) {
            moveToDeadLetter(m, now);
            continue;
          }
          m.receiveCount++;
          m.firstReceivedAt ??= now;
          m.receivedAt = now;
          m.receiptHandle = receipts.next(m.messageId);
          m.visibleAt = now + visibilityTimeout * 1000;
          visibility.noteVisibleAt(m, now);
          stats.received++;
          received.push(toSdkMessage(m, cfg.senderId));
        }
        return ok(received);
      },
      deleteMessage: (handle) =>
        current(handle).map((m) => {
          if (!m) {
            stats.staleDeletes++;
            return { deleted: false };
          }
          store.delete(m.messageId);
          stats.deleted++;
          return { deleted: true };
        }),
      changeMessageVisibility: (handle, seconds) => {
        if (!validVisibility(seconds))
          return err(invalid(`Value ${seconds} for parameter VisibilityTimeout is invalid.`));
        return current(handle).andThen((m) => {
          const now = scheduler.now();
          if (!m || m.visibleAt <= now)
            return err<void, QueueError>({
              kind: 'MessageNotInflight',
              message: 'The message referred to is not in flight.',
            });
          if (now + seconds * 1000 - m.receivedAt! > MAX_VISIBILITY_TIMEOUT_SECONDS * 1000)
            return err(
              invalid(
                `Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY_TIMEOUT_SECONDS} seconds]`,
              ),
            );
          m.visibleAt = now + seconds * 1000;
          visibility.noteVisibleAt(m, now);
          if (seconds === 0) notify();
          return ok(undefined);
        });
      },
      noteFailure: (handle, error) => {
        const m = current(handle).unwrapOr(undefined);
        if (m) m.lastError = error;
      },
      startMessageMoveTask: (input = {}) => startMoveTask({ queue, scheduler, sources, running: moveTask, input }),
      approximateNumberOfMessages: () => queue.counts().visible,
      counts: () => {
        const now = scheduler.now();
        purgeExpired(now);
        const counts = { visible: 0, inFlight: 0, delayed: 0 };
        for (const m of store.values()) counts[stateOf(m, now)]++;
        return counts;
      },
      stats: () => ({ ...stats }),
      messages: () => {
        const now = scheduler.now();
        purgeExpired(now);
        return [...store.values()].map((m) => ({
          messageId: m.messageId,
          body: m.body,
          state: stateOf(m, now),
          receiveCount: m.receiveCount,
          ...(m.deadLetter ? { deadLetter: { ...m.deadLetter } } : {}),
        }));
      },
      nextVisibleAt: () => visibility.nextVisibleAt(scheduler.now()),
      onAvailable: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };

    bindInternals(queue, {
      accept,
      movableIds: () => {
        const now = scheduler.now();
        purgeExpired(now);
        return [...store.values()].filter((m) => stateOf(m, now) !== 'inFlight').map((m) => m.messageId);
      },
      take: (id) => {
        const m = store.get(id);
        if (!m || stateOf(m, scheduler.now()) === 'inFlight') return undefined;
        store.delete(id);
        return m;
      },
      registerSource: (source) => sources.push(source),
      sources: () => sources,
    });
    if (cfg.deadLetterQueue) internalsOf(cfg.deadLetterQueue).registerSource(queue);
    return queue;
  });
