import { createMinHeap } from './min-heap.ts';

/** A due timer; `cancelled` is a tombstone so cancelling stays O(1) (the heap skips it on pop). */
export type Timer = { at: number; seq: number; fn: () => unknown; cancelled: boolean };

const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** Timers ordered by (due time, insertion order): equal due times fire in scheduling order. */
export const createTimerHeap = () => {
  const heap = createMinHeap(before);
  let live = 0;

  const dropCancelled = () => {
    while (heap.peek()?.cancelled) heap.pop();
  };

  return {
    push: (timer: Timer) => {
      heap.push(timer);
      live++;
    },
    cancel: (timer: Timer) => {
      if (timer.cancelled) return;
      timer.cancelled = true;
      live--;
    },
    peek: (): Timer | undefined => {
      dropCancelled();
      return heap.peek();
    },
    pop: (): Timer | undefined => {
      dropCancelled();
      const top = heap.pop();
      if (top === undefined) return undefined;
      top.cancelled = true; // a fired timer can no longer be cancelled
      live--;
      return top;
    },
    size: () => live,
  };
};
