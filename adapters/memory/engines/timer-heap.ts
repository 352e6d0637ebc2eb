/** A due timer; `cancelled` is a tombstone so cancelling stays O(1) (the heap skips it on pop). */
export type Timer = { at: number; seq: number; fn: () => unknown; cancelled: boolean };

const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** Binary min-heap ordered by (due time, insertion order): equal due times fire in scheduling order. */
export const createTimerHeap = () => {
  const items: Timer[] = [];
  let live = 0;

  const swap = (i: number, j: number) => {
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  };
  const up = (start: number) => {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i]!, items[parent]!)) return;
      swap(i, parent);
      i = parent;
    }
  };
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < items.length && before(items[l]!, items[smallest]!)) smallest = l;
      if (r < items.length && before(items[r]!, items[smallest]!)) smallest = r;
      if (smallest === i) return;
      swap(i, smallest);
      i = smallest;
    }
  };
  const dropCancelled = () => {
    while (items.length > 0 && items[0]!.cancelled) {
      const last = items.pop()!;
      if (items.length > 0) {
        items[0] = last;
        down(0);
      }
    }
  };

  return {
    push: (timer: Timer) => {
      items.push(timer);
      up(items.length - 1);
      live++;
    },
    cancel: (timer: Timer) => {
      if (timer.cancelled) return;
      timer.cancelled = true;
      live--;
    },
    peek: (): Timer | undefined => {
      dropCancelled();
      return items[0];
    },
    pop: (): Timer | undefined => {
      dropCancelled();
      const top = items[0];
      if (top === undefined) return undefined;
      const last = items.pop()!;
      if (items.length > 0) {
        items[0] = last;
        down(0);
      }
      top.cancelled = true; // a fired timer can no longer be cancelled
      live--;
      return top;
    },
    size: () => live,
  };
};
