import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  copyJson,
  exceedsLimit,
  jsonBytes,
  stringBytes,
  toJsonBounded,
} from '#adapters/stepfunctions/asl/json-copy.ts';
import { boundedAtSite, copyAtSite, inputSite, resultSite } from '#adapters/stepfunctions/asl/json-copy-site.ts';
import type { Json } from '#adapters/stepfunctions/asl/state-machines.ts';

// The task path copies and measures JSON values by walking them instead of a JSON.stringify +
// JSON.parse round trip. These properties pin the walks to the round trip they replace.

const roundTrip = (v: unknown): { json: Json; size: number } | undefined => {
  let text: string | undefined;
  try {
    text = v === undefined ? 'null' : JSON.stringify(v);
  } catch {
    return undefined;
  }
  return typeof text === 'string' ? { json: JSON.parse(text) as Json, size: Buffer.byteLength(text) } : undefined;
};

/** Strings with every character class JSON escapes or encodes differently, lone surrogates included. */
const awkwardString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc
    .array(fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u0080', '\u07ff', '\u0800', '\uffff'))
    .map((a) => a.join('')),
  fc.array(fc.constantFrom('\ud800', '\udc00', '\ud83d\ude00', 'a', '\udbff\udfff')).map((a) => a.join('')),
);
const key = fc.oneof(awkwardString, fc.constantFrom('__proto__', 'constructor', 'toJSON', '0', '10', '-1', ''));
const number = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(-0, 1e21, 1e-7, Number.MAX_VALUE, Number.MIN_VALUE, 0.1 + 0.2),
);

const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    number.filter(Number.isFinite),
    awkwardString,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Values a handler might return: JSON plus everything JSON.stringify converts, drops or rejects. */
const anyValue = fc.oneof(
  json,
  number,
  fc.anything({
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withObjectString: true,
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withTypedArray: true,
    withSparseArray: true,
    withUnicodeString: true,
  }),
);

describe('copyJson / jsonBytes (values the interpreter built)', () => {
  test.prop([json])('copyJson equals the JSON round trip and shares nothing with its source', (v) => {
    const copy = copyJson(v);
    // toEqual compares numbers with Object.is (so -0 vs 0 counts); the texts catch key order.
    expect(copy).toEqual(roundTrip(v)?.json);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(v));
    if (typeof v === 'object' && v !== null) expect(copy).not.toBe(v);
  });

  test.prop([json])('jsonBytes is the UTF-8 length of JSON.stringify', (v) => {
    expect(jsonBytes(v)).toBe(Buffer.byteLength(JSON.stringify(v)));
  });

  test.prop([awkwardString])('stringBytes is the UTF-8 length of the quoted, escaped string', (s) => {
    expect(stringBytes(s)).toBe(Buffer.byteLength(JSON.stringify(s)));
  });

  it('keeps "__proto__" as an own key, as JSON.parse does', () => {
    const source = JSON.parse('{"__proto__":{"x":1},"a":[-0]}') as Json;
    const copy = copyJson(source) as Record<string, Json>;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(Object.is((copy.a as number[])[0], 0)).toBe(true);
    const odd = { a: undefined, b: [undefined, Number.NaN, -0], c: Number.POSITIVE_INFINITY } as unknown as Json;
    expect(copyJson(odd)).toEqual(roundTrip(odd)?.json);
  });
});

/**
 * `base` rebuilt from plain objects (fast-check's dictionaries may have a null prototype, which the
 * compiled copy leaves to the generic walk), each primitive leaf replaced by `leaf(it)`.
 */
const rebuild = (base: Json, leaf: (x: Json) => Json): Json => {
  if (Array.isArray(base)) return base.map((x) => rebuild(x, leaf));
  if (typeof base === 'object' && base !== null) {
    const out: Record<string, Json> = {};
    for (const k of Object.keys(base)) {
      const value = rebuild(base[k] as Json, leaf);
      Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return leaf(base);
};

/** A plain value and variations of it with the same keys: what one site (a Task state's input) keeps seeing. */
const sameShapes: fc.Arbitrary<Json[]> = json.chain((base) =>
  fc.array(
    fc.oneof(
      fc.constant(rebuild(base, (x) => x)),
      json.map((other) => rebuild(other, (x) => x)),
      fc
        .oneof(number, fc.constantFrom(-0, Number.NaN, -Infinity), awkwardString, fc.boolean(), fc.constant(null))
        .map((other) => rebuild(base, () => other)),
    ),
    { minLength: 1, maxLength: 8 },
  ),
);

/** True when `copy` and `source` share an object or array anywhere. */
const sharesWith = (copy: unknown, source: unknown): boolean => {
  const seen = new Set<unknown>();
  const collect = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    seen.add(v);
    for (const x of Object.values(v)) collect(x);
  };
  collect(source);
  const found = (v: unknown): boolean =>
    typeof v === 'object' && v !== null && (seen.has(v) || Object.values(v).some(found));
  return found(copy);
};

describe('copyAtSite (copyJson compiled per site for the shapes it sees)', () => {
  test.prop([sameShapes])('gives what copyJson gives for every value a site sees, sharing nothing', (values) => {
    const site = inputSite();
    // Each value twice in a row: the second copy goes through what the first compiled.
    for (const v of values.flatMap((x) => [x, x])) {
      const copy = copyAtSite(site, v);
      expect(copy).toEqual(copyJson(v));
      expect(JSON.stringify(copy)).toBe(JSON.stringify(copyJson(v)));
      expect(sharesWith(copy, v)).toBe(false);
    }
  });

  it('compiles for a plain shape, and misses on another order, type, number, key count or an inherited key', () => {
    const site = inputSite();
    const v = { start: 1, last: { ok: true, seen: 'object' }, list: [1, { a: 2 }], none: null };
    copyAtSite(site, v);
    expect(site.compiled).toBeDefined();
    const compiled = site.compiled;
    for (const other of [
      { last: { ok: true, seen: 'object' }, start: 1, list: [], none: null },
      { start: 'one', last: { ok: true, seen: 'object' }, list: [], none: null },
      { start: -0, last: { ok: true, seen: 'object' }, list: [], none: null },
      { start: Number.NaN, last: { ok: true, seen: 'object' }, list: [], none: null },
      { start: 1, last: { ok: true, seen: 'object', extra: 1 }, list: [], none: null },
      { start: 1, last: { ok: true }, list: [], none: null },
      { start: 1, last: { ok: true, constructor: 'object' }, list: [], none: null },
      { start: 1, last: { ok: true, seen: 'object' }, list: [], none: undefined },
    ] as unknown as Json[]) {
      expect(compiled?.(other as Record<string, Json>)).not.toEqual(copyJson(other));
      expect(copyAtSite(site, other)).toEqual(copyJson(other));
    }
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 1;
    try {
      expect(copyAtSite(inputSite(), v)).toEqual(copyJson(v));
      expect(Object.hasOwn(copyAtSite(site, v) as object, 'polluted')).toBe(false);
    } finally {
      delete proto.polluted;
    }
  });

  it('copies numbers the JSON round trip changes (-0, NaN, Infinity) as copyJson does, compiled or not', () => {
    for (const odd of [-0, Number.NaN, Number.POSITIVE_INFINITY]) {
      const site = inputSite();
      const v = { a: { n: odd }, m: odd } as unknown as Json;
      expect(copyAtSite(site, v)).toEqual({ a: { n: odd === 0 ? 0 : null }, m: odd === 0 ? 0 : null });
      expect(copyAtSite(site, v)).toEqual(copyJson(v));
    }
  });

  it('does not compile "__proto__" keys, nor objects with another prototype', () => {
    const site = inputSite();
    const withProto = JSON.parse('{"__proto__":{"x":1},"a":1}') as Json;
    expect(copyAtSite(site, withProto)).toEqual(copyJson(withProto));
    expect(site.compiled).toBeUndefined();
    const bare = Object.assign(Object.create(null) as object, { a: 1 }) as Json;
    expect(copyAtSite(site, bare)).toEqual({ a: 1 });
    expect(site.compiled).toBeUndefined();
  });
});

describe('boundedAtSite (toJsonBounded compiled per site for the shapes it sees)', () => {
  test.prop([
    fc.array(
      fc.oneof(
        sameShapes,
        anyValue.map((v) => [v]),
      ),
      { maxLength: 4 },
    ),
  ])('gives what toJsonBounded gives, bound included, for every value a site sees', (groups) => {
    const site = resultSite();
    // Each value twice in a row: the second copy goes through what the first compiled.
    for (const v of groups.flat().flatMap((x) => [x, x])) {
      const copied = boundedAtSite(site, v);
      const expected = toJsonBounded(v);
      expect(copied).toEqual(expected);
      expect(JSON.stringify(copied?.json)).toBe(JSON.stringify(expected?.json));
      if (copied !== undefined && typeof v === 'object' && v !== null) expect(sharesWith(copied.json, v)).toBe(false);
    }
  });

  it('compiles for a plain result, and misses on a toJSON, another prototype or a throwing getter', () => {
    const site = resultSite();
    const plain = { ok: true, seen: 'object', n: 1.5, nested: { none: null } };
    boundedAtSite(site, plain);
    expect(site.compiled).toBeDefined();
    expect(boundedAtSite(site, plain)).toEqual(toJsonBounded(plain));
    const withToJson = { ok: true, seen: 'object', n: 1.5, nested: { none: null, toJSON: () => 'replaced' } };
    expect(boundedAtSite(site, withToJson)?.json).toEqual({ ok: true, seen: 'object', n: 1.5, nested: 'replaced' });
    class Result {
      ok = true;
      seen = 'object';
      n = 1.5;
      nested = { none: null };
    }
    expect(boundedAtSite(site, new Result())).toEqual(toJsonBounded(new Result()));
    const throwing = {
      ok: true,
      get seen(): string {
        throw new Error('no');
      },
      n: 1.5,
      nested: { none: null },
    };
    expect(boundedAtSite(site, throwing)).toBeUndefined();
    // A getter is read once per copy, as by the walk: never by the compiling.
    let reads = 0;
    const counting = {
      ok: true,
      get seen(): string {
        reads++;
        return 'object';
      },
      n: 1.5,
      nested: { none: null },
    };
    const fresh = resultSite();
    boundedAtSite(fresh, counting);
    expect(boundedAtSite(fresh, counting)).toEqual(toJsonBounded(plain));
    expect(reads).toBe(2);
    const withOwnToJson = resultSite();
    boundedAtSite(withOwnToJson, withToJson.nested);
    expect(withOwnToJson.compiled).toBeUndefined();
    // A toJSON that for-in does not list: inherited and not enumerable.
    const compiled = resultSite();
    boundedAtSite(compiled, plain);
    const proto = Object.prototype as Record<string, unknown>;
    Object.defineProperty(proto, 'toJSON', { value: () => 'everything', configurable: true, writable: true });
    try {
      expect(boundedAtSite(compiled, plain)?.json).toBe('everything');
    } finally {
      delete proto.toJSON;
    }
  });
});

describe('toJsonBounded (any value a handler returns)', () => {
  test.prop([anyValue])('gives the JSON round trip of the value and a bound on the byte size of its text', (v) => {
    const copied = toJsonBounded(v);
    const expected = roundTrip(v);
    expect(copied?.json).toEqual(expected?.json);
    if (copied === undefined || expected === undefined) {
      expect(copied).toBe(expected);
      return;
    }
    expect(JSON.stringify(copied.json)).toBe(JSON.stringify(JSON.parse(JSON.stringify(v) ?? 'null')));
    expect(copied.bound).toBeGreaterThanOrEqual(expected.size);
    // The bound never exceeds 6 bytes per byte of text plus 25 per number: a quota check stays meaningful.
    expect(copied.bound).toBeLessThanOrEqual(
      6 * expected.size + 25 * (JSON.stringify(v)?.match(/\d+/g)?.length ?? 0) + 8,
    );
  });

  test.prop([number])('bounds every number by its JSON text', (x) => {
    const copied = toJsonBounded({ x });
    expect(copied?.bound).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify({ x })));
  });

  test.prop([anyValue, fc.integer({ min: 0, max: 400 })])('exceedsLimit is the exact size test', (v, limit) => {
    const copied = toJsonBounded(v);
    const expected = roundTrip(v);
    if (copied !== undefined && expected !== undefined) expect(exceedsLimit(copied, limit)).toBe(expected.size > limit);
  });

  it('leaves out symbol-keyed and inherited members, as JSON.stringify does', () => {
    const inherited = Object.create({ up: 1 }) as Record<string, unknown>;
    inherited.own = 2;
    const value = { [Symbol('s')]: 1, a: inherited };
    const copied = toJsonBounded(value);
    expect(copied?.json).toEqual({ a: { own: 2 } });
    expect(Object.getOwnPropertySymbols(copied?.json)).toEqual([]);
  });

  it('applies toJSON with the property key, unwraps boxed primitives, rejects cycles and BigInt', () => {
    const keys: string[] = [];
    const withToJson = { toJSON: (k: string) => keys.push(k) && `key:${k}` };
    const value = { a: withToJson, list: [withToJson], n: Object(5), s: Object('x'), b: Object(false), d: new Date(0) };
    expect(toJsonBounded(value)?.json).toEqual(roundTrip(value)?.json);
    expect(keys).toEqual(['a', '0', 'a', '0']);
    const cycle: Record<string, unknown> = {};
    cycle.self = { cycle };
    expect(toJsonBounded(cycle)).toBeUndefined();
    expect(toJsonBounded({ n: 1n })).toBeUndefined();
    expect(toJsonBounded(() => 1)).toBeUndefined();
    expect(toJsonBounded(undefined)).toEqual({ json: null, bound: 4 });
  });

  it('reads each property once, like JSON.stringify', () => {
    let reads = 0;
    const value = {
      get x() {
        reads++;
        return reads;
      },
    };
    expect(toJsonBounded(value)?.json).toEqual({ x: 1 });
    expect(reads).toBe(1);
  });

  it('fails like JSON.stringify when a getter or toJSON throws, and for nesting deeper than the stack', () => {
    expect(
      toJsonBounded({
        get x() {
          throw new Error('no');
        },
      }),
    ).toBeUndefined();
    let deep: unknown = null;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(toJsonBounded(deep)).toBe(roundTrip(deep));
  });
});
