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
  add(type: string, previousEventId: number, details: Record<string, unknown> | undefined): number | undefined;
  size(): number;
  seal(): void;
  isSealed(): boolean;
  events(): HistoryEvent[];
};

/** The details as the reader sees them: LazyText fields replaced by their text (in a copy). */
const readable = (d: Record<string, unknown>): Record<string, unknown> => {
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

/**
 * Column arrays, not one object per event, and numbers, not Dates: the HistoryEvent objects are
 * only built when the history is read. A class, as the scheduler: one is built per execution and
 * methods cost nothing per instance where a factory would build a closure per method.
 */
class EventLog implements History {
  readonly #clock: { now(): number };
  readonly #previous: number[] = [];
  readonly #at: number[] = [];
  readonly #types: string[] = [];
  readonly #details: (Record<string, unknown> | undefined)[] = [];
  #sealed = false;
  constructor(clock: { now(): number }) {
    this.#clock = clock;
  }
  add(type: string, previousEventId: number, details: Record<string, unknown> | undefined): number | undefined {
    if (this.#sealed) return undefined;
    this.#previous.push(previousEventId);
    this.#at.push(this.#clock.now());
    this.#types.push(type);
    this.#details.push(details);
    return this.#types.length;
  }
  size(): number {
    return this.#types.length;
  }
  seal(): void {
    this.#sealed = true;
  }
  isSealed(): boolean {
    return this.#sealed;
  }
  events(): HistoryEvent[] {
    const previous = this.#previous;
    const at = this.#at;
    const details = this.#details;
    return this.#types.map((type, i): HistoryEvent => {
      const base = { id: i + 1, previousEventId: previous[i] as number, timestamp: new Date(at[i] as number), type };
      const d = details[i];
      return d === undefined ? base : { ...base, details: readable(d) };
    });
  }
}

/** `clock.now()` gives each event's time in epoch milliseconds. */
export const createHistory = (clock: { now(): number }): History => new EventLog(clock);
