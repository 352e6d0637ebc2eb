// Execution time. With waitTimeScale 0 the clock is virtual: it moves only when the execution has
// nothing left to do but wait, jumping straight to the next timer (Wait states, retry delays,
// timeouts, heartbeats). A task handler in flight holds time still, so its own duration counts
// as zero. With a scale > 0, timers really sleep `delay × scale` and the clock runs 1/scale as fast
// as the real one, so recorded timestamps show the computed delays either way.

export type Timer = { cancel(): void };
/** Outside work in flight (a task handler); virtual time waits until every piece has ended. */
export type Work = { end(): void; suspend(): void; resume(): void };

export type Scheduler = {
  now: () => number;
  setTimer: (ms: number, fire: () => void) => Timer;
  begin: () => Work;
  dispose: () => void;
};

type Entry = { at: number; seq: number; fire: () => void; live: boolean };

/**
 * One piece of outside work for the virtual clock. A class so that the one Work created per
 * asynchronous task attempt is a single small object (prototype methods, no closures).
 */
class VirtualWork implements Work {
  #state: 'running' | 'suspended' | 'ended' = 'running';
  readonly #release: () => void;
  readonly #hold: () => void;
  constructor(release: () => void, hold: () => void) {
    this.#release = release;
    this.#hold = hold;
  }
  end(): void {
    if (this.#state === 'running') this.#release();
    this.#state = 'ended';
  }
  suspend(): void {
    if (this.#state !== 'running') return;
    this.#state = 'suspended';
    this.#release();
  }
  resume(): void {
    if (this.#state !== 'suspended') return;
    this.#state = 'running';
    this.#hold();
  }
}

export const createVirtualScheduler = (start: number): Scheduler => {
  let now = start;
  let seq = 0;
  let inFlight = 0;
  let checking = false;
  let disposed = false;
  const timers: Entry[] = [];

  const schedule = (): void => {
    if (checking || disposed || timers.length === 0) return;
    checking = true;
    // setImmediate runs after every pending microtask, i.e. once the interpreter has settled.
    setImmediate(check);
  };
  const release = (): void => {
    inFlight--;
    schedule();
  };
  const hold = (): void => {
    inFlight++;
  };
  const check = (): void => {
    checking = false;
    if (disposed || inFlight > 0) return;
    const next = timers.shift();
    if (next === undefined) return;
    now = Math.max(now, next.at);
    next.live = false;
    next.fire();
    schedule();
  };

  return {
    now: () => now,
    setTimer: (ms, fire) => {
      const entry: Entry = { at: now + Math.max(0, ms), seq: seq++, fire, live: true };
      let i = timers.length;
      while (
        i > 0 &&
        ((timers[i - 1] as Entry).at > entry.at ||
          ((timers[i - 1] as Entry).at === entry.at && (timers[i - 1] as Entry).seq > entry.seq))
      )
        i--;
      timers.splice(i, 0, entry);
      schedule();
      return {
        cancel() {
          if (!entry.live) return;
          entry.live = false;
          const at = timers.indexOf(entry);
          if (at >= 0) timers.splice(at, 1);
        },
      };
    },
    begin: () => {
      inFlight++;
      return new VirtualWork(release, hold);
    },
    dispose: () => {
      disposed = true;
      timers.length = 0;
    },
  };
};

export const createScaledScheduler = (scale: number, clock: () => number): Scheduler => {
  const origin = clock();
  const handles = new Set<ReturnType<typeof setTimeout>>();
  const idle: Work = { end() {}, suspend() {}, resume() {} };
  return {
    now: () => origin + (clock() - origin) / scale,
    setTimer: (ms, fire) => {
      const handle = setTimeout(
        () => {
          handles.delete(handle);
          fire();
        },
        Math.max(0, ms * scale),
      );
      handles.add(handle);
      return {
        cancel() {
          clearTimeout(handle);
          handles.delete(handle);
        },
      };
    },
    begin: () => idle,
    dispose: () => {
      for (const h of handles) clearTimeout(h);
      handles.clear();
    },
  };
};
