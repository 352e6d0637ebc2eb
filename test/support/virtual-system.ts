import { createVirtualScheduler, type VirtualScheduler } from '#adapters/memory/engines/scheduler.virtual.ts';
import { createLocalSystem, type LocalSystemOptions } from '#infra/local/system.ts';

const START = Date.parse('2026-01-01T00:00:00Z');

/**
 * The whole system on virtual time, for tests. `settle` runs until nothing is scheduled, nothing is in flight and
 * the saga waits for nothing but humans (the saga's own retry waits are real, scaled down, so it polls briefly).
 */
export const startVirtualSystem = (options: (scheduler: VirtualScheduler) => Omit<LocalSystemOptions, 'scheduler'>) => {
  // Interleaved: work due at one instant runs concurrently, as on a real event loop, so races are not hidden.
  const scheduler = createVirtualScheduler(START, { interleave: true });
  // A parked approval must not time out in the middle of a long test (saga time runs at 1/1000 of real time):
  // 30 days of saga time is 43 real minutes. Tests of the timeout set their own.
  const system = createLocalSystem({ approvalTimeoutSeconds: 30 * 86_400, ...options(scheduler), scheduler });
  const settle = async () => {
    for (let i = 0; i < 200; i++) {
      const r = await scheduler.runUntilIdle();
      if (r.isErr()) throw new Error(JSON.stringify(r.error));
      if (system.sagaQuiet()) return;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error('the system did not settle');
  };
  return { scheduler, system, settle };
};
