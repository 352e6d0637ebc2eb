import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import { internalsOf, reenqueued } from './queue.internals.ts';
import type { MemoryQueue, MoveTask, MoveTaskStatus, QueueError, StartMoveTaskInput } from './queue.types.ts';
import type { Scheduler } from './scheduler.ts';

type Deps = {
  queue: MemoryQueue;
  scheduler: Scheduler;
  sources: readonly MemoryQueue[];
  running: { running: boolean };
  input: StartMoveTaskInput;
};

/**
 * StartMessageMoveTask (DLQ redrive): moves the messages present at the start, oldest first, back to
 * the queue each was dead-lettered from (or to `destination`), with a fresh receive count. Messages
 * in flight in the DLQ when their turn comes are skipped, like the service does.
 */
export const startMoveTask = ({ queue, scheduler, sources, running, input }: Deps): Result<MoveTask, QueueError> => {
  const { destination, maxNumberOfMessagesPerSecond } = input;
  if (!destination && sources.length === 0)
    return err({
      kind: 'UnsupportedOperation',
      message: `Source queue ${queue.name} must be configured as a dead-letter queue.`,
    });
  if (running.running)
    return err({ kind: 'MoveTaskAlreadyRunning', message: `A message move task is already running on ${queue.name}.` });
  if (
    maxNumberOfMessagesPerSecond !== undefined &&
    !(
      Number.isInteger(maxNumberOfMessagesPerSecond) &&
      maxNumberOfMessagesPerSecond >= 1 &&
      maxNumberOfMessagesPerSecond <= 500
    )
  )
    return err({ kind: 'InvalidParameterValue', message: 'MaxNumberOfMessagesPerSecond must be 1-500.' });

  const self = internalsOf(queue);
  const pending = self.movableIds();
  const status: MoveTaskStatus = {
    status: 'RUNNING',
    approximateNumberOfMessagesMoved: 0,
    approximateNumberOfMessagesToMove: pending.length,
  };
  let resolveDone: (s: MoveTaskStatus) => void = () => {};
  const done = new Promise<MoveTaskStatus>((resolve) => {
    resolveDone = resolve;
  });
  const finish = (final: MoveTaskStatus['status']) => {
    status.status = final;
    running.running = false;
    resolveDone({ ...status });
  };
  running.running = true;

  const chunk = maxNumberOfMessagesPerSecond ?? Number.POSITIVE_INFINITY;
  let cancelTick = () => {};
  const tick = () => {
    if (status.status !== 'RUNNING') return;
    for (let n = 0; n < chunk && pending.length > 0; n++) {
      const id = pending.shift()!;
      const m = self.take(id);
      if (!m) continue;
      const target = destination ?? m.origin;
      if (!target) {
        self.accept(m); // sent straight to the DLQ: no source to return to
        continue;
      }
      internalsOf(target).accept(
        reenqueued(m, scheduler.now(), { deadLetter: undefined, origin: undefined, enqueuedAt: scheduler.now() }),
      );
      status.approximateNumberOfMessagesMoved++;
    }
    if (pending.length === 0) finish('COMPLETED');
    else cancelTick = scheduler.schedule(1000, tick);
  };
  cancelTick = scheduler.schedule(0, tick);

  return ok({
    taskHandle: randomUUID(),
    status: () => ({ ...status }),
    cancel: () => {
      if (status.status !== 'RUNNING') return;
      cancelTick();
      finish('CANCELLED');
    },
    done,
  });
};
