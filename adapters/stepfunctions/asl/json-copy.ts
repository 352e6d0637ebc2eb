import { types } from 'node:util';
import type { Json, JsonObject } from './types.ts';

// Detached copies and UTF-8 sizes of JSON values without a text round trip. On the task path a
// JSON.stringify + JSON.parse pair per value cost more than the rest of a task; these walks give
// the same results: copyJson(v) and toJsonSized(v).json deep-equal JSON.parse(JSON.stringify(v)),
// and the sizes equal Buffer.byteLength(JSON.stringify(v)) (property-tested in json-copy.props.test.ts).

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
const oddNumber = (x: number): boolean => (x === 0 ? 1 / x < 0 : x - x !== 0);

/** The member by member copy, for the objects the fast path leaves (a "__proto__" key, undefined members). */
const copyMembers = (v: JsonObject): JsonObject => {
  const out: JsonObject = {};
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (x !== undefined) put(out, k, copyJson(x));
  }
  return out;
};

/**
 * A detached copy of a value the interpreter built (parsed JSON, templates, intrinsics): plain
 * objects, arrays and primitives. -0 becomes 0 and non-finite numbers null, as through JSON text.
 * Objects are copied shallowly by a spread (faster than Object.assign on the task path) and then
 * only the members that need it are replaced: nested objects and odd numbers.
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
  if (Object.hasOwn(v, '__proto__')) return copyMembers(v);
  const out: JsonObject = { ...v };
  for (const k in out) {
    const x = out[k];
    const needs = typeof x === 'object' ? x !== null : typeof x === 'number' ? oddNumber(x) : x === undefined;
    // for-in also lists enumerable members of Object.prototype: those are not ours.
    if (!needs || !Object.hasOwn(out, k)) continue;
    if (x === undefined) return copyMembers(v);
    out[k] = copyJson(x);
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

// The walk's state lives in the module rather than in an object per call: one walk per task result.
// A toJSON or getter may start a walk of its own; toJsonSized saves and restores the outer one's.
/** UTF-8 bytes of the JSON text so far. */
let walkSize = 0;
/** The objects being serialised (for cycles); a walk uses the part from walkBase on. */
const walkStack: object[] = [];
let walkBase = 0;

/** A primitive's JSON form (after toJSON and unboxing): undefined, functions and symbols are omitted. */
const primitive = (v: unknown): Json | typeof OMIT => {
  switch (typeof v) {
    case 'string':
      walkSize += stringBytes(v);
      return v;
    case 'number':
      walkSize += numberBytes(v);
      return Number.isFinite(v) ? v + 0 : null;
    case 'boolean':
      walkSize += v ? 4 : 5;
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
 * Ordered for the common case, a plain object or array of strings, numbers and booleans: the
 * (costlier) boxed-primitive test only runs for objects whose prototype is not Object.prototype,
 * null or an array's, so a boxed primitive whose prototype was replaced by one of those reads as
 * a plain object here (JSON.stringify would unbox it).
 */
const serialize = (key: string | number, v: unknown): Json | typeof OMIT => {
  if (typeof v === 'object') {
    if (v === null) {
      walkSize += 4;
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
    walkSize += 4;
    return null;
  }
  return typeof v === 'object' ? structure(v) : primitive(v);
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
  let result: Json;
  if (isArray) {
    const source = obj as unknown[];
    const len = source.length;
    const out: Json[] = [];
    walkSize += len === 0 ? 2 : len + 1;
    for (let i = 0; i < len; i++) {
      const x = serialize(i, source[i]);
      if (x === OMIT) {
        walkSize += 4;
        out.push(null);
      } else out.push(x);
    }
    result = out;
  } else {
    const out: JsonObject = {};
    const source = obj as Record<string, unknown>;
    let members = 0;
    walkSize += 2;
    for (const k of Object.keys(source)) {
      const x = serialize(k, source[k]);
      if (x === OMIT) continue;
      walkSize += stringBytes(k) + 1 + (members > 0 ? 1 : 0);
      members++;
      put(out, k, x);
    }
    result = out;
  }
  walkStack.pop();
  return result;
};

/**
 * A detached JSON copy of an arbitrary value and the UTF-8 size of its JSON text, or undefined
 * when it has no JSON form (a function, a BigInt, a cycle, a throwing toJSON or getter, nesting
 * too deep for the stack), exactly where toJson gives undefined. `undefined` itself maps to null,
 * as a Lambda returning nothing yields null (see toJsonText).
 */
export const toJsonSized = (v: unknown): { json: Json; size: number } | undefined => {
  if (v === undefined) return { json: null, size: 4 };
  const outerSize = walkSize;
  const outerBase = walkBase;
  walkSize = 0;
  walkBase = walkStack.length;
  try {
    const json = serialize('', v);
    return json === OMIT ? undefined : { json, size: walkSize };
  } catch {
    return undefined;
  } finally {
    // Setting an array's length costs a runtime call: only after a walk that threw.
    if (walkStack.length !== walkBase) walkStack.length = walkBase;
    walkSize = outerSize;
    walkBase = outerBase;
  }
};
