import { err, ok, type Result } from 'neverthrow';
import { runCallback, type Scheduler } from './scheduler.ts';
import { createTimerHeap, type Timer } from './timer-heap.ts';

export type RunReport = { steps: number; now: number };
export type SchedulerError =
  | { kind: 'StepLimitExceeded'; steps: number; now: number; pendingTimers: number; inFlight: number }
  | { kind: 'TimerCallbackFailed'; errors: unknown[] };

export type VirtualScheduler = Scheduler & {
  /**
   * Repeatedly lets in-flight promises settle, then jumps virtual time to the next timer and fires it,
   * until no timer is left and no tracked work is in flight. `maxSteps` bounds the timers fired so a
   * livelock (e.g. a poller that always reschedules itself) comes back as a value instead of hanging.
   */
  runUntilIdle: (opts?: { maxSteps?: number }) => Promise<Result<RunReport, SchedulerError>>;
  /** Fires every timer due within `ms` (in order), then sets the clock to now + ms. */
  advanceBy: (ms: number, opts?: { maxSteps?: number }) => Promise<Result<RunReport, SchedulerError>>;
  pendingTimers: () => number;
  inFlight: () => number;
};

const DEFAULT_MAX_STEPS = 1_000_000;
const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

export type VirtualSchedulerOptions = Readonly<{
  /**
   * Fire every timer due at the same instant before letting promises settle, so that their async work interleaves
   * as it does on a real event loop (two consumers loading one item before either saves). Off, each timer's work
   * settles before the next fires: simpler to reason about, but it hides races such as lost optimistic writes.
   */
  interleave?: boolean;
}>;

/** Deterministic virtual time: delays are honoured in order but take no wall-clock time. */
export const createVirtualScheduler = (
  startMs = 0,
  { interleave = false }: VirtualSchedulerOptions = {},
): VirtualScheduler => {
  let clock = startMs;
  let seq = 0;
  const heap = createTimerHeap();
  const inFlight = new Set<Promise<void>>();
  const failures: unknown[] = [];

  const track = <T>(work: Promise<T>): Promise<T> => {
    const settled: Promise<void> = work.then(
      () => {
        inFlight.delete(settled);
      },
      () => {
        inFlight.delete(settled);
      },
    );
    inFlight.add(settled);
    return work;
  };

  // Microtask chains finish within one macrotask turn; a couple more turns cover work that itself
  // hops through setImmediate. Whatever is still in flight after that is waiting on a virtual timer.
  const settle = async () => {
    await macrotask();
    for (let i = 0; i < 2 && inFlight.size > 0; i++) await macrotask();
  };

  const run = async (until: number, maxSteps: number): Promise<Result<RunReport, SchedulerError>> => {
    const failuresBefore = failures.length;
    let steps = 0;
    const fire = (timer: Timer) => {
      steps++;
      const pending = runCallback(timer.fn, (e) => failures.push(e));
      if (pending) track(pending);
    };
    for (;;) {
      await settle();
      const next = heap.peek();
      if (next === undefined || next.at > until) {
        // Nothing left to fire: only real (non-virtual) work can still make progress, so wait for it.
        if (until === Number.POSITIVE_INFINITY && inFlight.size > 0) {
          await Promise.race(inFlight);
          continue;
        }
        break;
      }
      if (steps >= maxSteps)
        return err({
          kind: 'StepLimitExceeded',
          steps,
          now: clock,
          pendingTimers: heap.size(),
          inFlight: inFlight.size,
        });
      heap.pop();
      clock = Math.max(clock, next.at);
      const scheduledBefore = seq;
      fire(next);
      // Timers already due at this instant fire together; not those the callbacks above schedule (a later seq at the
      // same instant): firing them now would let a zero-delay loop starve the settle.
      while (interleave && steps < maxSteps) {
        const due = heap.peek();
        if (!due || due.at !== next.at || due.seq >= scheduledBefore) break;
        heap.pop();
        fire(due);
      }
    }
    if (until !== Number.POSITIVE_INFINITY) clock = Math.max(clock, until);
    if (failures.length > failuresBefore)
      return err({ kind: 'TimerCallbackFailed', errors: failures.slice(failuresBefore) });
    return ok({ steps, now: clock });
  };

  const runUntilIdle: VirtualScheduler['runUntilIdle'] = (opts) =>
    run(Number.POSITIVE_INFINITY, opts?.maxSteps ?? DEFAULT_MAX_STEPS);

  return {
    now: () => clock,
    schedule: (delayMs, fn) => {
      const timer: Timer = { at: clock + Math.max(0, delayMs), seq: seq++, fn, cancelled: false };
      heap.push(timer);
      return () => heap.cancel(timer);
    },
    track,
    idle: async () => {
      const report = await runUntilIdle();
      if (report.isErr()) throw new Error(`virtual scheduler did not reach idle: ${JSON.stringify(report.error)}`);
    },
    failures: () => failures,
    runUntilIdle,
    advanceBy: (ms, opts) => run(clock + ms, opts?.maxSteps ?? DEFAULT_MAX_STEPS),
    pendingTimers: () => heap.size(),
    inFlight: () => inFlight.size,
  };
};
