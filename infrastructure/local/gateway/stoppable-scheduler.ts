import type { Cancel, Scheduler } from '#adapters/memory/engines/scheduler.ts';

/**
 * A scheduler whose pending timers can all be dropped at shutdown. The saga's approval timeout is a day-long
 * timer: without this, a stopped server would keep the process (or a test worker) alive until it fires.
 */
export const stoppable = (inner: Scheduler): Scheduler & { stop: () => void } => {
  const pending = new Set<Cancel>();
  let stopped = false;
  return {
    ...inner,
    schedule: (delayMs, fn) => {
      if (stopped) return () => {};
      const cancel: Cancel = inner.schedule(delayMs, () => {
        pending.delete(cancel);
        return fn();
      });
      pending.add(cancel);
      return () => {
        pending.delete(cancel);
        cancel();
      };
    },
    stop: () => {
      stopped = true;
      for (const cancel of pending) cancel();
      pending.clear();
    },
  };
};
