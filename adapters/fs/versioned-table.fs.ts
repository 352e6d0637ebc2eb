import { deepFreeze } from '#adapters/memory/deep-freeze.ts';
import type { VersionedTable } from '#adapters/memory/versioned-table.memory.ts';
import type { Versioned } from '#app/ports/versioned.ts';
import type { Journal } from './journal.fs.ts';

export type FsVersionedTableOptions<T> = Readonly<{
  journal: Journal;
  /** The table's name in the journal (`orders`, `stock`, ...). */
  name: string;
  /** The rows as loaded from the journal. */
  initial?: Iterable<readonly [string, Versioned<T>]>;
}>;

/**
 * The memory `VersionedTable` with every put staged in the journal at its new absolute version. Reads are served
 * from memory; the journal is only read back on the next start. Same semantics as the memory table: rows are
 * copied in and frozen, handed out as stored, each put is one version up.
 */
export const createFsVersionedTable = <T>({
  journal,
  name,
  initial = [],
}: FsVersionedTableOptions<T>): VersionedTable<T> => {
  const rows = new Map<string, Versioned<T>>([...initial].map(([k, row]) => [k, deepFreeze(row)]));
  return {
    get: (key) => rows.get(key),
    check: (expected) => expected.every(([key, version]) => (rows.get(key)?.version ?? 0) === version),
    put: (items) => {
      for (const [key, state] of items) {
        // One serialization serves both the journal line and the stored copy (JSON data in, JSON data out).
        const version = (rows.get(key)?.version ?? 0) + 1;
        const text = JSON.stringify(state) ?? 'null';
        rows.set(key, deepFreeze({ state: JSON.parse(text) as T, version }));
        journal.stageText(
          `{"k":"row","t":${JSON.stringify(name)},"key":${JSON.stringify(key)},"v":${version},"s":${text}}`,
        );
      }
    },
    rows: () => [...rows],
  };
};
