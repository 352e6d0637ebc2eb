/**
 * Freezes a value and everything reachable from it, and returns it. Stored rows are frozen once when written, so a
 * read can hand out the stored object itself: a caller that tries to change it gets a TypeError (ES modules are
 * strict) instead of silently changing what is stored. Cheaper than copying on every read, and just as safe.
 */
export const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

/** Deeper than any row we store; a cycle reaches it and falls back to structuredClone, which handles cycles. */
const MAX_DEPTH = 64;
const NOT_PLAIN: unique symbol = Symbol('not plain');

const copyPlain = (value: unknown, depth: number): unknown => {
  if (typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? NOT_PLAIN : value;
  if (value === null) return value;
  if (depth > MAX_DEPTH) return NOT_PLAIN;
  const proto = Object.getPrototypeOf(value);
  if (proto === Array.prototype) {
    const source = value as unknown[];
    const copy = new Array<unknown>(source.length);
    for (let i = 0; i < source.length; i++) {
      const inner = source[i];
      if (inner === undefined && !(i in source)) return NOT_PLAIN; // a hole: structuredClone keeps it
      const innerCopy = copyPlain(inner, depth + 1);
      if (innerCopy === NOT_PLAIN) return NOT_PLAIN;
      copy[i] = innerCopy;
    }
    return Object.freeze(copy);
  }
  if (proto !== Object.prototype) return NOT_PLAIN;
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    if (key === '__proto__') return NOT_PLAIN; // an own "__proto__" (JSON.parse makes them): assigning it sets the prototype
    const innerCopy = copyPlain(source[key], depth + 1);
    if (innerCopy === NOT_PLAIN) return NOT_PLAIN;
    copy[key] = innerCopy;
  }
  return Object.freeze(copy);
};

/**
 * `deepFreeze(structuredClone(value))` in one walk: what a row stored as DynamoDB would store it, isolated from the
 * caller. Rows are plain objects, arrays and primitives (what JSON and a DynamoDB item hold), copied directly;
 * anything else (a Date, a Map, a class instance, a sparse array, a cycle, a function) takes structuredClone itself,
 * so its semantics (and its DataCloneError) stay exactly structuredClone's.
 */
export const frozenCopy = <T>(value: T): T => {
  const copy = copyPlain(value, 0);
  return (copy === NOT_PLAIN ? deepFreeze(structuredClone(value)) : copy) as T;
};
