import type { StateCtx } from './state-io.ts';

/** Sleeps in execution time; resolves false if the branch was cancelled meanwhile. */
export const sleepIn = (ctx: StateCtx, ms: number): Promise<boolean> => {
  if (ms <= 0) return Promise.resolve(!ctx.frame.cancel.isCancelled());
  return new Promise((resolve) => {
    const timer = ctx.exec.scheduler.setTimer(ms, () => {
      off();
      resolve(true);
    });
    const off = ctx.frame.cancel.onCancel(() => {
      timer.cancel();
      resolve(false);
    });
  });
};
