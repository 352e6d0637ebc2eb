import { ResultAsync } from 'neverthrow';
import type { Pause } from '#app/ports/pause.ts';

/** Stops a scheduled callback if it has not fired yet; calling it twice is harmless. */
export type Cancel = () => void;

/**
 * The one notion of time shared by the in-process engines (bus, queue, event-source mapping).
 * Engines never call Date.now() or setTimeout directly: virtual time in tests, wall-clock time in
 * the local runtime, same engine code.
 */
export type Scheduler = {
  now: () => number;
  /** Runs `fn` after `delayMs`; a promise returned by `fn` counts as in-flight work until it settles. */
  schedule: (delayMs: number, fn: () => unknown) => Cancel;
  /** Declares async work so quiescence (`idle`) waits for it; returns the same promise. */
  track: <T>(work: Promise<T>) => Promise<T>;
  /** Resolves once nothing is scheduled and nothing is in flight. */
  idle: () => Promise<void>;
  /** Exceptions thrown by scheduled callbacks (engine bugs): recorded, never swallowed silently. */
  failures: () => readonly unknown[];
};

const isPromiseLike = (x: unknown): x is PromiseLike<unknown> =>
  typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';

/** Calls `fn`, routing a throw or a rejection to `onFailure` and returning the promise (if any) to track. */
export const runCallback = (fn: () => unknown, onFailure: (e: unknown) => void): Promise<void> | undefined => {
  try {
    const out = fn();
    return isPromiseLike(out) ? Promise.resolve(out).then(() => undefined, onFailure) : undefined;
  } catch (e) {
    onFailure(e);
    return undefined;
  }
};

/** Wall-clock scheduler for the local runtime: setTimeout underneath, with real quiescence tracking. */
export const createRealScheduler = (): Scheduler => {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const failures: unknown[] = [];
  const waiters: Array<() => void> = [];
  let inFlight = 0;

  const quiet = () => timers.size === 0 && inFlight === 0;
  const checkIdle = () => {
    if (!quiet() || waiters.length === 0) return;
    // Re-check after a macrotask: a settled promise's continuation may still schedule follow-up work.
    setImmediate(() => {
      if (quiet()) for (const w of waiters.splice(0)) w();
    });
  };
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight++;
    const done = () => {
      inFlight--;
      checkIdle();
    };
    work.then(done, done);
    return work;
  };

  return {
    now: () => Date.now(),
    schedule: (delayMs, fn) => {
      const handle = setTimeout(
        () => {
          timers.delete(handle);
          const pending = runCallback(fn, (e) => failures.push(e));
          if (pending) track(pending);
          checkIdle();
        },
        Math.max(0, delayMs),
      );
      timers.add(handle);
      return () => {
        if (timers.delete(handle)) {
          clearTimeout(handle);
          checkIdle();
        }
      };
    },
    track,
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        checkIdle();
      }),
    failures: () => failures,
  };
};

/** The Pause port on a scheduler: virtual time in tests, and a pending timer counts as work for `idle`. */
export const pauseOn =
  (scheduler: Scheduler): Pause =>
  (ms) =>
    ResultAsync.fromSafePromise(
      new Promise<void>((resolve) => {
        scheduler.schedule(ms, resolve);
      }),
    );
