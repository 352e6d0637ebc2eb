import { randomUUID } from 'node:crypto';
import type { Message } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { err, ok, type Result } from 'neverthrow';
import { type EventSourceMappingError, validateSettings } from './event-source-mapping.options.ts';
import { toSqsRecord } from './event-source-mapping.records.ts';
import { type Invocation, interpretResponse } from './event-source-mapping.response.ts';
import type { MemoryQueue } from './queue.types.ts';
import type { Cancel, Scheduler } from './scheduler.ts';

/** Any Lambda-style SQS handler; the return value is read as an SQSBatchResponse (or ignored). */
export type SqsBatchHandler = (event: SQSEvent) => unknown;

export type EventSourceMappingOptions = {
  queue: MemoryQueue;
  handler: SqsBatchHandler;
  scheduler: Scheduler;
  batchSize?: number;
  maximumBatchingWindowSeconds?: number;
  /** ScalingConfig.MaximumConcurrency (2-1000); unset means no cap beyond available messages. */
  maximumConcurrency?: number;
  reportBatchItemFailures?: boolean;
};

export type EventSourceMappingStats = {
  invocations: number;
  recordsSucceeded: number;
  recordsFailed: number;
  batchesFailed: number;
  maxConcurrentBatches: number;
};

export type EventSourceMapping = {
  uuid: string;
  /** Stops polling, releases records gathered but not yet sent, and waits for running batches. */
  stop: () => Promise<void>;
  stats: () => EventSourceMappingStats;
};

// Dispatches per pump before yielding, so a queue whose messages are visible again at once (visibility
// timeout 0) cannot spin inside one callback.
const MAX_DISPATCH_PER_PUMP = 100;

/** Lambda's SQS poller: batches (size or window), concurrency cap, partial batch responses. */
export const createEventSourceMapping = (
  o: EventSourceMappingOptions,
): Result<EventSourceMapping, EventSourceMappingError> => {
  const settings = validateSettings(o);
  if (settings.isErr()) return err(settings.error);
  const { batchSize, windowSeconds } = settings.value;
  const { queue, scheduler, handler } = o;
  const maxConcurrency = o.maximumConcurrency ?? Number.POSITIVE_INFINITY;
  const reportFailures = o.reportBatchItemFailures ?? false;
  const awsRegion = queue.arn.split(':')[3] ?? 'us-east-1';
  const stats: EventSourceMappingStats = {
    invocations: 0,
    recordsSucceeded: 0,
    recordsFailed: 0,
    batchesFailed: 0,
    maxConcurrentBatches: 0,
  };
  const running = new Set<Promise<void>>();
  let enabled = true;
  let buffer: Message[] = [];
  let windowElapsed = false;
  let cancelWindow: Cancel | undefined;
  let cancelWake: Cancel | undefined;
  let pumpRequested = false;

  const settle = async (batch: Message[], invocation: Invocation) => {
    const ids = batch.map((m) => m.MessageId!);
    const outcome = interpretResponse(invocation, ids, reportFailures);
    if (outcome.kind === 'BatchFailed') stats.batchesFailed++;
    for (const m of batch) {
      const failed =
        outcome.kind === 'BatchFailed' || (outcome.kind === 'PartialFailure' && outcome.failed.has(m.MessageId!));
      if (failed) {
        // Left in flight: the message comes back when its visibility timeout expires.
        stats.recordsFailed++;
        queue.noteFailure(
          m.ReceiptHandle!,
          outcome.kind === 'BatchFailed' ? outcome.reason : 'Reported in batchItemFailures',
        );
      } else {
        stats.recordsSucceeded++;
        queue.deleteMessage(m.ReceiptHandle!);
      }
    }
  };

  const invoke = async (batch: Message[]) => {
    const event: SQSEvent = { Records: batch.map((m) => toSqsRecord(m, queue.arn, awsRegion)) };
    stats.invocations++;
    let invocation: Invocation;
    try {
      invocation = { threw: false, value: await handler(event) };
    } catch (error) {
      invocation = { threw: true, error };
    }
    await settle(batch, invocation);
  };

  const dispatch = () => {
    const batch = buffer;
    buffer = [];
    windowElapsed = false;
    cancelWindow?.();
    cancelWindow = undefined;
    const work: Promise<void> = invoke(batch).finally(() => {
      running.delete(work);
      pump();
    });
    running.add(work);
    stats.maxConcurrentBatches = Math.max(stats.maxConcurrentBatches, running.size);
    scheduler.track(work);
  };

  // Instead of a fixed polling interval, sleep until the queue says a message can become visible:
  // an idle queue then leaves no timer behind, so the scheduler can reach quiescence.
  const scheduleWake = () => {
    cancelWake?.();
    cancelWake = undefined;
    const at = queue.nextVisibleAt();
    if (at !== undefined) cancelWake = scheduler.schedule(at - scheduler.now(), pump);
  };

  const startWindow = () => {
    if (buffer.length === 0 || windowSeconds === 0 || cancelWindow || windowElapsed) return;
    cancelWindow = scheduler.schedule(windowSeconds * 1000, () => {
      cancelWindow = undefined;
      windowElapsed = true;
      pump();
    });
  };

  function pump(): void {
    if (!enabled) return;
    for (let dispatched = 0; running.size < maxConcurrency; ) {
      if (dispatched >= MAX_DISPATCH_PER_PUMP) {
        requestPump();
        return;
      }
      if (buffer.length < batchSize) {
        const received = queue.receiveMessages({ maxNumberOfMessages: Math.min(10, batchSize - buffer.length) });
        if (received.isErr()) throw new Error(`event source mapping receive failed: ${received.error.message}`); // bug
        // A buffered record whose visibility lapsed while the window was open is received again: keep
        // one copy, with the newest receipt handle, so a batch never holds the same message twice.
        const fresh = new Set(received.value.map((m) => m.MessageId));
        buffer = [...buffer.filter((m) => !fresh.has(m.MessageId)), ...received.value];
        startWindow();
        const filling = windowSeconds > 0 && !windowElapsed && buffer.length < batchSize;
        if (filling && received.value.length > 0) continue;
      }
      const ready = buffer.length >= batchSize || (buffer.length > 0 && (windowSeconds === 0 || windowElapsed));
      if (!ready) break;
      dispatch();
      dispatched++;
    }
    scheduleWake();
  }

  function requestPump(): void {
    if (!enabled || pumpRequested) return;
    pumpRequested = true;
    scheduler.schedule(0, () => {
      pumpRequested = false;
      pump();
    });
  }
  const unsubscribe = queue.onAvailable(requestPump);
  requestPump();

  return ok({
    uuid: randomUUID(),
    stop: async () => {
      enabled = false;
      unsubscribe();
      cancelWake?.();
      cancelWindow?.();
      for (const m of buffer.splice(0)) queue.changeMessageVisibility(m.ReceiptHandle!, 0);
      await Promise.all(running);
    },
    stats: () => ({ ...stats }),
  });
};
