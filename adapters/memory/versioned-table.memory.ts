import type { Versioned } from '#app/ports/versioned.ts';
import { deepFreeze, frozenCopy } from './deep-freeze.ts';

/**
 * A map of versioned rows with a conditional write, the primitive every memory repository shares.
 * Rows are copied in and frozen, and handed out as they are: callers can never change stored state by accident.
 */
export type VersionedTable<T> = Readonly<{
  get: (key: string) => Versioned<T> | undefined;
  /** True when every row is at its expected version (0 = absent). */
  check: (expected: ReadonlyArray<readonly [string, number]>) => boolean;
  /** Writes rows, each one version up. Call only after `check`. */
  put: (rows: ReadonlyArray<readonly [string, T]>) => void;
  rows: () => ReadonlyArray<readonly [string, Versioned<T>]>;
}>;

export const createVersionedTable = <T>(initial: Iterable<readonly [string, Versioned<T>]> = []): VersionedTable<T> => {
  const rows = new Map<string, Versioned<T>>([...initial].map(([k, row]) => [k, deepFreeze(row)]));
  return {
    get: (key) => rows.get(key),
    check: (expected) => expected.every(([key, version]) => (rows.get(key)?.version ?? 0) === version),
    put: (items) => {
      for (const [key, state] of items) {
        const version = (rows.get(key)?.version ?? 0) + 1;
        rows.set(key, Object.freeze({ state: frozenCopy(state), version }));
      }
    },
    rows: () => [...rows],
  };
};
