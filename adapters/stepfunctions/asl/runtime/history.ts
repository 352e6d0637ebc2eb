// The execution history, shaped like GetExecutionHistory's events: ids count from 1, and
// previousEventId points at the event that led to this one within the same branch.
// `details` holds what the service puts in the event's `<type>EventDetails` member.

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

type Raw = {
  id: number;
  previousEventId: number;
  at: number;
  type: string;
  details: Record<string, unknown> | undefined;
};

export const createHistory = (now: () => number): History => {
  // Raw records keep a number, not a Date: Dates are only built when the history is read.
  const raw: Raw[] = [];
  let sealed = false;
  return {
    add: (type, previousEventId, details) => {
      if (sealed) return undefined;
      const id = raw.length + 1;
      raw.push({ id, previousEventId, at: now(), type, details });
      return id;
    },
    size: () => raw.length,
    seal: () => {
      sealed = true;
    },
    isSealed: () => sealed,
    events: () =>
      raw.map((r): HistoryEvent => {
        const timestamp = new Date(r.at);
        return r.details === undefined
          ? { id: r.id, previousEventId: r.previousEventId, timestamp, type: r.type }
          : { id: r.id, previousEventId: r.previousEventId, timestamp, type: r.type, details: r.details };
      }),
  };
};
