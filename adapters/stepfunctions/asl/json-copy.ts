import { types } from 'node:util';
import type { Json, JsonObject } from './types.ts';

// Detached copies and UTF-8 sizes of JSON values without a text round trip. On the task path a
// JSON.stringify + JSON.parse pair per value cost more than the rest of a task; these walks give
// the same results: copyJson(v) and toJsonBounded(v).json deep-equal JSON.parse(JSON.stringify(v)),
// jsonBytes(v) equals Buffer.byteLength(JSON.stringify(v)) and toJsonBounded's bound is never below
// it (property-tested in json-copy.props.test.ts).

/** UTF-8 bytes of JSON.stringify(s): quotes, escapes (\" \\ \n..., \u00XX, lone surrogates as \uXXXX). */
export const stringBytes = (s: string): number => {
  let n = 2;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20) n += c === 0x22 || c === 0x5c ? 2 : 1;
      else n += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    } else if (c < 0x800) n += 2;
    else if (c < 0xd800 || c > 0xdfff) n += 3;
    else if (c <= 0xdbff && i + 1 < len && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 6;
  }
  return n;
};

const numberBytes = (x: number): number => (Number.isFinite(x) ? String(x).length : 4);

/** A data property, also for the key "__proto__" (which JSON.parse creates as an own property). */
const put = (out: JsonObject, key: string, value: Json): void => {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
};

/** True for a number that the JSON round trip changes: -0 (to 0) and the non-finite ones (to null). */
export const oddNumber = (x: number): boolean => (x === 0 ? 1 / x < 0 : x - x !== 0);

/**
 * A detached copy of a value the interpreter built (parsed JSON, templates, intrinsics): plain
 * objects, arrays and primitives. -0 becomes 0, non-finite numbers null and undefined members are
 * left out, as through JSON text.
 * Objects are built member by member with for-in rather than copied by a spread and then patched: a
 * spread is faster only where its call site has seen few object shapes, and this one sees every
 * shape a process copies (once other definitions had run, a task took ~3% more instructions with
 * the spread). Task states copy through json-copy-site.ts, which falls back to this.
 */
export const copyJson = (v: Json): Json => {
  if (typeof v !== 'object' || v === null) return typeof v === 'number' && oddNumber(v) ? (v === 0 ? 0 : null) : v;
  if (Array.isArray(v)) {
    const out = v.slice();
    for (let i = 0; i < out.length; i++) {
      const x = out[i];
      if (typeof x === 'object' ? x !== null : typeof x === 'number' ? oddNumber(x) : x === undefined)
        out[i] = x === undefined ? null : copyJson(x);
    }
    return out;
  }
  const out: JsonObject = {};
  for (const k in v) {
    // for-in also lists enumerable members of Object.prototype: those are not ours. Spelled out so
    // that V8 reduces it to a check of the for-in cache (Object.hasOwn is a call).
    // biome-ignore lint/suspicious/noPrototypeBuiltins: the reduction needs this exact form
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    const x = v[k];
    if (x === undefined) continue;
    const copied = typeof x === 'object' || (typeof x === 'number' && oddNumber(x)) ? copyJson(x) : x;
    if (k === '__proto__') put(out, k, copied);
    else out[k] = copied;
  }
  return out;
};

/** UTF-8 bytes of JSON.stringify(v) for a value the interpreter built (see copyJson). */
export const jsonBytes = (v: Json): number => {
  if (v === null) return 4;
  switch (typeof v) {
    case 'string':
      return stringBytes(v);
    case 'number':
      return numberBytes(v);
    case 'boolean':
      return v ? 4 : 5;
  }
  if (Array.isArray(v)) {
    let n = v.length === 0 ? 2 : v.length + 1;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      n += x === undefined ? 4 : jsonBytes(x);
    }
    return n;
  }
  let n = 2;
  let members = 0;
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (x === undefined) continue;
    n += stringBytes(k) + 1 + jsonBytes(x);
    members++;
  }
  return members === 0 ? n : n + members - 1;
};

// ---- arbitrary values, with JSON.stringify's rules ----

const OMIT: unique symbol = Symbol('omit');

/**
 * Strings up to this length are not scanned: their bound is 6 bytes per UTF-16 unit (the most any
 * unit takes, as a \u00XX escape) plus the quotes. Longer ones are measured exactly, so that large
 * payloads keep bounds close to their size.
 */
const SHORT_STRING = 64;

/** An upper bound on the UTF-8 bytes of JSON.stringify(s) (also used by compiled copies: json-copy-site.ts). */
export const stringBound = (s: string): number => (s.length <= SHORT_STRING ? 6 * s.length + 2 : stringBytes(s));

/** An object member's key in JSON text: the key, its quotes and colon, and a comma (an object adds 2 for its braces). */
export const keyBound = (k: string): number => stringBound(k) + 2;

/** An upper bound on a finite number's JSON text: small integers by digits, others by the longest form. */
export const numberBound = (x: number): number => (x < 1e9 && x > -1e9 && Number.isInteger(x) ? 10 : 25);

// The walk's state lives in the module rather than in an object per call: one walk per task result.
// A toJSON or getter may start a walk of its own; toJsonBounded saves and restores the outer one's.
/** An upper bound on the UTF-8 bytes of the JSON text so far. */
let walkBound = 0;
/** The objects being serialised (for cycles); a walk uses the part from walkBase on. */
const walkStack: object[] = [];
let walkBase = 0;

/** A primitive's JSON form (after toJSON and unboxing): undefined, functions and symbols are omitted. */
const primitive = (v: unknown): Json | typeof OMIT => {
  switch (typeof v) {
    case 'string':
      walkBound += stringBound(v);
      return v;
    case 'number':
      if (!Number.isFinite(v)) {
        walkBound += 4;
        return null;
      }
      walkBound += numberBound(v);
      return v + 0;
    case 'boolean':
      walkBound += 5;
      return v;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      return OMIT;
  }
};

const unbox = (v: object): unknown => {
  if (types.isNumberObject(v)) return Number(v);
  if (types.isStringObject(v)) return String(v);
  if (types.isBooleanObject(v)) return Boolean.prototype.valueOf.call(v);
  if (types.isBigIntObject(v)) throw new TypeError('Do not know how to serialize a BigInt');
  return v;
};

/**
 * SerializeJSONProperty (ECMA-262 25.5.2.2) producing the parsed-back value instead of text:
 * toJSON(key), boxed primitives unwrapped, undefined/functions/symbols omitted (null in arrays),
 * non-finite numbers null, BigInt and cycles rejected. Every property is read exactly once.
 */
const serialize = (key: string | number, v: unknown): Json | typeof OMIT => {
  if (typeof v === 'object') {
    if (v === null) {
      walkBound += 4;
      return null;
    }
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    return typeof toJSON === 'function' ? afterToJson(toJSON.call(v, String(key))) : structure(v);
  }
  if (typeof v === 'bigint') {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return afterToJson(toJSON.call(v, String(key)));
  }
  return primitive(v);
};

/** The value toJSON gave: serialised as it is (its own toJSON is not called). */
const afterToJson = (v: unknown): Json | typeof OMIT => {
  if (v === null) {
    walkBound += 4;
    return null;
  }
  return typeof v === 'object' ? structure(v) : primitive(v);
};

const arrayItems = (source: unknown[]): Json[] => {
  const len = source.length;
  const out: Json[] = [];
  walkBound += len + 2;
  for (let i = 0; i < len; i++) {
    const x = serialize(i, source[i]);
    if (x === OMIT) {
      walkBound += 4;
      out.push(null);
    } else out.push(x);
  }
  return out;
};

/**
 * Own enumerable string-keyed members in JSON.stringify's order. for-in rather than Object.keys:
 * it allocates no key list, and like JSON.stringify it never sees symbol keys (a spread would copy
 * them); members it finds on the prototype chain are skipped.
 */
const objectMembers = (source: Record<string, unknown>): JsonObject => {
  const out: JsonObject = {};
  walkBound += 2;
  for (const k in source) {
    // Spelled out so that V8 reduces it to a check of the for-in cache (Object.hasOwn is a call).
    // biome-ignore lint/suspicious/noPrototypeBuiltins: the reduction needs this exact form
    if (!Object.prototype.hasOwnProperty.call(source, k)) continue;
    const x = serialize(k, source[k]);
    if (x === OMIT) continue;
    walkBound += keyBound(k);
    if (k === '__proto__') put(out, k, x);
    else out[k] = x;
  }
  return out;
};

/** An object or array (or a boxed primitive), after toJSON. */
const structure = (obj: object): Json | typeof OMIT => {
  const isArray = Array.isArray(obj);
  if (!isArray) {
    const proto = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null && types.isBoxedPrimitive(obj)) return primitive(unbox(obj));
  }
  if (walkStack.indexOf(obj, walkBase) >= 0) throw new TypeError('Converting circular structure to JSON');
  walkStack.push(obj);
  const result = isArray ? arrayItems(obj as unknown[]) : objectMembers(obj as Record<string, unknown>);
  walkStack.pop();
  return result;
};

/**
 * A detached JSON copy of an arbitrary value and an upper bound on the UTF-8 size of its JSON text,
 * or undefined when it has no JSON form (a function, a BigInt, a cycle, a throwing toJSON or
 * getter, nesting too deep for the stack), exactly where toJson gives undefined. `undefined` itself
 * maps to null, as a Lambda returning nothing yields null (see toJsonText).
 * The bound is cheap (short strings are not scanned) and at most 6 times the size plus a few bytes
 * per member; a caller that finds it over a quota measures the text itself (see exceedsLimit).
 */
export const toJsonBounded = (v: unknown): { json: Json; bound: number } | undefined => {
  if (v === undefined) return { json: null, bound: 4 };
  const outerBound = walkBound;
  const outerBase = walkBase;
  walkBound = 0;
  walkBase = walkStack.length;
  try {
    const json = serialize('', v);
    return json === OMIT ? undefined : { json, bound: walkBound };
  } catch {
    return undefined;
  } finally {
    // Setting an array's length costs a runtime call: only after a walk that threw.
    if (walkStack.length !== walkBase) walkStack.length = walkBase;
    walkBound = outerBound;
    walkBase = outerBase;
  }
};

/** True when a value copied by toJsonBounded is over `limit` bytes as JSON: measured only if its bound is. */
export const exceedsLimit = (copied: { json: Json; bound: number }, limit: number): boolean =>
  copied.bound > limit && jsonBytes(copied.json) > limit;
