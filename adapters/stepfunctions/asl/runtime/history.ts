// The execution history, shaped like GetExecutionHistory's events: ids count from 1, and
// previousEventId points at the event that led to this one within the same branch.
// `details` holds what the service puts in the event's `<type>EventDetails` member; JSON payloads
// in it may be recorded as LazyText and become text when the history is read.

import { LazyText } from './lazy-text.ts';

export type HistoryEvent = {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: Date;
  readonly type: string;
  readonly details?: Readonly<Record<string, unknown>>;
};

/** The service's hard quota on events per execution. */
export const MAX_HISTORY_EVENTS = 25_000;

export type History = {
  /** Appends an event unless the history is sealed; returns its id, or undefined when dropped. */
  add(
    type: string,
    previousEventId: number,
    details: Readonly<Record<string, unknown>> | undefined,
  ): number | undefined;
  size(): number;
  seal(): void;
  isSealed(): boolean;
  events(): HistoryEvent[];
};

/** The details as the reader sees them: LazyText fields replaced by their text (in a copy). */
const readable = (d: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> => {
  let copy: Record<string, unknown> | undefined;
  for (const k in d) {
    const v = d[k];
    if (v instanceof LazyText) {
      copy ??= { ...d };
      copy[k] = v.text;
    }
  }
  return copy ?? d;
};

/** Details of an event that has none to record but shows `details: {}`: the reader gets a fresh `{}`. */
export const EMPTY_DETAILS: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * The log keeps what varies per event and little else: type and details side by side in one
 * array, the previous event's id only where it is not the event just before (branches), and the
 * time only where it changed (virtual time moves only on timers). HistoryEvent objects and Dates
 * are only built when the history is read. A class, as the scheduler: one is built per execution
 * and methods cost nothing per instance where a factory would build a closure per method.
 */
class EventLog implements History {
  readonly #clock: { now(): number };
  /** type, details, type, details, ... */
  readonly #entries: (string | Readonly<Record<string, unknown>> | undefined)[] = [];
  /**
   * previousEventId per event, kept only from the first event whose previous event is not the one
   * before it (a Parallel or Map branch); until then each event follows the one before.
   */
  #previous: number[] | undefined;
  /** Event index at which the time changed, then that time, for each change. */
  readonly #times: number[] = [];
  #lastTime = Number.NaN;
  #size = 0;
  #sealed = false;
  constructor(clock: { now(): number }) {
    this.#clock = clock;
  }
  add(
    type: string,
    previousEventId: number,
    details: Readonly<Record<string, unknown>> | undefined,
  ): number | undefined {
    if (this.#sealed) return undefined;
    const index = this.#size;
    if (this.#previous !== undefined) this.#previous.push(previousEventId);
    else if (previousEventId !== index) {
      this.#previous = Array.from({ length: index }, (_, i) => i);
      this.#previous.push(previousEventId);
    }
    const now = this.#clock.now();
    if (now !== this.#lastTime) {
      this.#lastTime = now;
      this.#times.push(index, now);
    }
    this.#entries.push(type, details);
    this.#size = index + 1;
    return this.#size;
  }
  size(): number {
    return this.#size;
  }
  seal(): void {
    this.#sealed = true;
  }
  isSealed(): boolean {
    return this.#sealed;
  }
  events(): HistoryEvent[] {
    const entries = this.#entries;
    const times = this.#times;
    const out: HistoryEvent[] = [];
    let change = 0;
    let at = Number.NaN;
    for (let i = 0; i < this.#size; i++) {
      if (times[change] === i) {
        at = times[change + 1] as number;
        change += 2;
      }
      const base = {
        id: i + 1,
        previousEventId: this.#previous?.[i] ?? i,
        timestamp: new Date(at),
        type: entries[2 * i] as string,
      };
      const d = entries[2 * i + 1] as Readonly<Record<string, unknown>> | undefined;
      out.push(d === undefined ? base : { ...base, details: d === EMPTY_DETAILS ? {} : readable(d) });
    }
    return out;
  }
}

/** `clock.now()` gives each event's time in epoch milliseconds. */
export const createHistory = (clock: { now(): number }): History => new EventLog(clock);
