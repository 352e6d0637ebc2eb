// Execution time. With waitTimeScale 0 the clock is virtual: it moves only when the execution has
// nothing left to do but wait, jumping straight to the next timer (Wait states, retry delays,
// timeouts, heartbeats). A task handler in flight holds time still, so its own duration counts
// as zero. With a scale > 0, timers really sleep `delay × scale` and the clock runs 1/scale as fast
// as the real one, so recorded timestamps show the computed delays either way.

export type Timer = { cancel(): void };
/** Outside work in flight (a task handler); virtual time waits until every piece has ended. */
export type Work = { end(): void; suspend(): void; resume(): void };

/** Methods, not function properties: the virtual scheduler is a class (call them on the scheduler). */
export type Scheduler = {
  now(): number;
  setTimer(ms: number, fire: () => void): Timer;
  begin(): Work;
  dispose(): void;
};

type Entry = { at: number; seq: number; fire: () => void; live: boolean };

/**
 * One piece of outside work for the virtual clock. A class so that the one Work created per
 * asynchronous task attempt is a single small object (prototype methods, no closures).
 */
class VirtualWork implements Work {
  #state: 'running' | 'suspended' | 'ended' = 'running';
  readonly #clock: VirtualScheduler;
  constructor(clock: VirtualScheduler) {
    this.#clock = clock;
  }
  end(): void {
    if (this.#state === 'running') this.#clock.release();
    this.#state = 'ended';
  }
  suspend(): void {
    if (this.#state !== 'running') return;
    this.#state = 'suspended';
    this.#clock.release();
  }
  resume(): void {
    if (this.#state !== 'suspended') return;
    this.#state = 'running';
    this.#clock.hold();
  }
}

/** setImmediate's callback: a module function taking the scheduler, not a closure per scheduler. */
const runCheck = (s: VirtualScheduler): void => s.check();

/**
 * A class rather than a factory of closures: one is built per execution, and every closure costs
 * an allocation (and, where names are kept as under tsx, a defineProperty); methods cost nothing
 * per instance (so call them on the scheduler: `now` is not to be passed around unbound).
 */
class VirtualScheduler implements Scheduler {
  #now: number;
  #seq = 0;
  #inFlight = 0;
  #checking = false;
  #disposed = false;
  readonly #timers: Entry[] = [];
  constructor(start: number) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  #schedule(): void {
    if (this.#checking || this.#disposed || this.#timers.length === 0) return;
    this.#checking = true;
    // setImmediate runs after every pending microtask, i.e. once the interpreter has settled.
    setImmediate(runCheck, this);
  }
  release(): void {
    this.#inFlight--;
    this.#schedule();
  }
  hold(): void {
    this.#inFlight++;
  }
  check(): void {
    this.#checking = false;
    if (this.#disposed || this.#inFlight > 0) return;
    const next = this.#timers.shift();
    if (next === undefined) return;
    this.#now = Math.max(this.#now, next.at);
    next.live = false;
    next.fire();
    this.#schedule();
  }
  setTimer(ms: number, fire: () => void): Timer {
    const timers = this.#timers;
    const entry: Entry = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fire, live: true };
    let i = timers.length;
    while (
      i > 0 &&
      ((timers[i - 1] as Entry).at > entry.at ||
        ((timers[i - 1] as Entry).at === entry.at && (timers[i - 1] as Entry).seq > entry.seq))
    )
      i--;
    timers.splice(i, 0, entry);
    this.#schedule();
    return {
      cancel() {
        if (!entry.live) return;
        entry.live = false;
        const at = timers.indexOf(entry);
        if (at >= 0) timers.splice(at, 1);
      },
    };
  }
  begin(): Work {
    this.#inFlight++;
    return new VirtualWork(this);
  }
  dispose(): void {
    this.#disposed = true;
    this.#timers.length = 0;
  }
}

export const createVirtualScheduler = (start: number): Scheduler => new VirtualScheduler(start);

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
