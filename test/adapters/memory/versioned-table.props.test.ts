import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { deepFreeze, frozenCopy } from '#adapters/memory/deep-freeze.ts';
import { createVersionedTable } from '#adapters/memory/versioned-table.memory.ts';

/** Plain rows as repositories store them, and the odd values structuredClone has its own rules for. */
const key = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('__proto__', 'length'));
const odd = fc.anything({
  key,
  maxDepth: 3,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withBigInt: true,
  withBoxedValues: true,
});
const value = fc.oneof(fc.jsonValue({ maxDepth: 4 }), odd);

/** Every object reachable from a value (the way deepFreeze walks: own enumerable values). */
const reachable = (v: unknown, seen = new Set<object>()): Set<object> => {
  if (typeof v === 'object' && v !== null && !seen.has(v)) {
    seen.add(v);
    for (const inner of Object.values(v)) reachable(inner, seen);
  }
  return seen;
};

/** Own keys all the way down: toStrictEqual does not see an own "__proto__" key go missing. */
const keysDeep = (v: unknown): unknown =>
  typeof v === 'object' && v !== null ? Object.entries(v).map(([k, inner]) => [k, keysDeep(inner)]) : typeof v;

/** What a careless caller does to a value it still holds: changes everything it can reach. */
const scribble = (v: unknown): void => {
  for (const o of reachable(v)) {
    if (o instanceof Map || o instanceof Set) o.clear();
    else if (o instanceof Date) o.setTime(0);
    for (const k of Object.keys(o)) Reflect.set(o, k, 'scribbled');
    Reflect.set(o, 'added', 'scribbled');
  }
};

/** What the table did before: structuredClone, then deepFreeze. Same value, or the same error. */
const outcome = (copy: () => unknown) => {
  try {
    return { stored: copy() };
  } catch (e) {
    return { error: String(e) };
  }
};

describe('memory versioned table', () => {
  test.prop([value])('a row is stored exactly as structuredClone copies it, and deeply frozen', (v) => {
    const copy = frozenCopy(v);
    expect(copy).toStrictEqual(structuredClone(v));
    expect(keysDeep(copy)).toStrictEqual(keysDeep(structuredClone(v)));
    for (const o of reachable(copy)) expect(Object.isFrozen(o)).toBe(true);
  });

  test.prop([fc.oneof(value, fc.anything({ withTypedArray: true, maxDepth: 2 }))])(
    'the one-walk copy answers as structuredClone + deepFreeze did, errors included',
    (v) => {
      expect(outcome(() => frozenCopy(v))).toStrictEqual(outcome(() => deepFreeze(structuredClone(v))));
    },
  );

  test.prop([value])('the stored row shares no object with what the caller saved', (v) => {
    const mine = reachable(v);
    for (const o of reachable(frozenCopy(v))) expect(mine.has(o)).toBe(false);
  });

  test.prop([fc.array(value, { minLength: 1, maxLength: 4 })])(
    'a caller changing what it saved, or trying to change what it loaded, never changes the stored row',
    (states) => {
      const table = createVersionedTable<unknown>();
      for (const state of states) {
        const before = structuredClone(state);
        table.put([['k', state]]);
        scribble(state);
        const loaded = table.get('k')!;
        expect(loaded.state).toStrictEqual(before);
        for (const o of reachable(loaded)) {
          if (o instanceof Map || o instanceof Set || o instanceof Date) continue;
          expect(() => {
            (o as Record<string, unknown>).added = 'scribbled';
          }).toThrow(TypeError);
        }
        expect(table.get('k')!.state).toStrictEqual(before);
      }
      expect(table.get('k')!.version).toBe(states.length);
    },
  );

  test.prop([fc.dictionary(fc.constantFrom('__proto__', 'a'), fc.jsonValue({ maxDepth: 2 }))])(
    'an own "__proto__" key (JSON.parse makes them) stays a key and never becomes the prototype',
    (dict) => {
      const v = JSON.parse(JSON.stringify(dict)) as Record<string, unknown>;
      const copy = frozenCopy(v);
      expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
      expect(keysDeep(copy)).toStrictEqual(keysDeep(v));
    },
  );

  test('a function cannot be stored, as DynamoDB could not serialize it', () => {
    expect(() => frozenCopy({ f: () => 1 })).toThrow(/could not be cloned/);
  });
});
