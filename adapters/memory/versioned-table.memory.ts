import type { Versioned } from '#app/ports/versioned.ts';

/**
 * A map of versioned rows with a conditional write, the primitive every memory repository shares.
 * Rows are deep-copied in and out, so callers can never mutate stored state by accident.
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
  const rows = new Map<string, Versioned<T>>(initial);
  return {
    get: (key) => {
      const row = rows.get(key);
      return row && structuredClone(row);
    },
    check: (expected) => expected.every(([key, version]) => (rows.get(key)?.version ?? 0) === version),
    put: (items) => {
      for (const [key, state] of items) {
        rows.set(key, { state: structuredClone(state), version: (rows.get(key)?.version ?? 0) + 1 });
      }
    },
    rows: () => [...rows].map(([k, v]) => [k, structuredClone(v)] as const),
  };
};
