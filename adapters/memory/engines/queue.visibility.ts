import { createMinHeap } from './min-heap.ts';
import type { StoredMessage } from './queue.internals.ts';

type Entry = { at: number; message: StoredMessage };

/**
 * The earliest future `visibleAt` among stored messages, kept as a heap instead of a scan of the store on every
 * event source mapping pump (a scan made a backlog cost O(n) per poll). Entries are never updated: one is pushed
 * each time a message gets a future `visibleAt`, and an entry is dropped lazily once its message is gone, has
 * another `visibleAt`, or has become visible. The heap is rebuilt from the store when it holds more dead entries
 * than the store holds messages (amortized O(1)), and when the clock goes backwards (wall clocks do).
 */
export const createVisibilityIndex = (store: ReadonlyMap<string, StoredMessage>) => {
  const heap = createMinHeap<Entry>((a, b) => a.at < b.at);
  let lastNow = Number.NEGATIVE_INFINITY;

  const rebuild = (now: number) => {
    heap.clear();
    for (const message of store.values()) if (message.visibleAt > now) heap.push({ at: message.visibleAt, message });
  };
  // A message skipped because it was visible at a later `now` may be hidden again at an earlier one.
  const sync = (now: number) => {
    if (now < lastNow) rebuild(now);
    lastNow = now;
  };
  const dead = (e: Entry, now: number) =>
    e.at <= now || e.message.visibleAt !== e.at || store.get(e.message.messageId) !== e.message;

  return {
    /** Call whenever a stored message's `visibleAt` is set (sent, received, its visibility changed). */
    noteVisibleAt: (message: StoredMessage, now: number) => {
      sync(now);
      if (message.visibleAt <= now) return;
      heap.push({ at: message.visibleAt, message });
      if (heap.size() > 2 * store.size + 64) rebuild(now);
    },
    nextVisibleAt: (now: number): number | undefined => {
      sync(now);
      for (let top = heap.peek(); top !== undefined && dead(top, now); top = heap.peek()) heap.pop();
      return heap.peek()?.at;
    },
  };
};
