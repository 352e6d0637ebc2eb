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

export const createHistory = (now: () => number): History => {
  const events: HistoryEvent[] = [];
  let sealed = false;
  return {
    add: (type, previousEventId, details) => {
      if (sealed) return undefined;
      const id = events.length + 1;
      const timestamp = new Date(now());
      events.push(
        details === undefined
          ? { id, previousEventId, timestamp, type }
          : { id, previousEventId, timestamp, type, details },
      );
      return id;
    },
    size: () => events.length,
    seal: () => {
      sealed = true;
    },
    isSealed: () => sealed,
    events: () => events.slice(),
  };
};
