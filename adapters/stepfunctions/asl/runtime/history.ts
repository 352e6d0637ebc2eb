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
  readonly add: (
    type: string,
    previousEventId: number,
    details: Record<string, unknown> | undefined,
  ) => number | undefined;
  readonly size: () => number;
  readonly seal: () => void;
  readonly isSealed: () => boolean;
  readonly events: () => HistoryEvent[];
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

export const createHistory = (now: () => number): History => {
  // Column arrays, not one object per event, and numbers, not Dates: the HistoryEvent objects are
  // only built when the history is read.
  const previous: number[] = [];
  const at: number[] = [];
  const types: string[] = [];
  const details: (Record<string, unknown> | undefined)[] = [];
  let sealed = false;
  return {
    add: (type, previousEventId, eventDetails) => {
      if (sealed) return undefined;
      previous.push(previousEventId);
      at.push(now());
      types.push(type);
      details.push(eventDetails);
      return types.length;
    },
    size: () => types.length,
    seal: () => {
      sealed = true;
    },
    isSealed: () => sealed,
    events: () =>
      types.map((type, i): HistoryEvent => {
        const base = { id: i + 1, previousEventId: previous[i] as number, timestamp: new Date(at[i] as number), type };
        const d = details[i];
        return d === undefined ? base : { ...base, details: readable(d) };
      }),
  };
};
