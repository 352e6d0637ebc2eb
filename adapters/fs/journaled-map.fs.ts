import type { Journal } from './journal.fs.ts';

/**
 * A real `Map` whose `set`, `delete` and `clear` are also written to the journal: the memory idempotency store and
 * approval tokens take their Map as a parameter, so they become durable without a second implementation.
 * Values must be JSON data (they are serialized when staged).
 */
export const createJournaledMap = <V>(journal: Journal, name: string, initial: Iterable<readonly [string, V]> = []) => {
  const map = new Map<string, V>(initial);
  const set = map.set.bind(map);
  const del = map.delete.bind(map);
  map.set = (key, val) => {
    journal.stage({ k: 'set', t: name, key, val });
    return set(key, val);
  };
  map.delete = (key) => {
    if (!map.has(key)) return false;
    journal.stage({ k: 'del', t: name, key });
    return del(key);
  };
  map.clear = () => {
    for (const key of [...map.keys()]) map.delete(key);
  };
  return map;
};
