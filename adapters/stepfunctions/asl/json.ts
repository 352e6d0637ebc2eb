import type { Json, JsonObject } from './types.ts';

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isInteger = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export const deepEqual = (a: Json, b: Json): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i] as Json));
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k] as Json, b[k] as Json));
};

/**
 * Turns an arbitrary JS value into JSON text, or undefined when it has no JSON form (a function, a
 * BigInt, a cycle). `undefined` itself maps to `null`, as a Lambda returning nothing yields null.
 */
export const toJsonText = (v: unknown): string | undefined => {
  if (v === undefined) return 'null';
  try {
    const text = JSON.stringify(v);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
};

/** A detached JSON copy of a value (drops undefined fields, like the service's JSON round trip). */
export const toJson = (v: unknown): { json: Json; text: string } | undefined => {
  const text = toJsonText(v);
  return text === undefined ? undefined : { json: JSON.parse(text) as Json, text };
};

const encoder = new TextEncoder();

/** UTF-8 size of a JSON text; ASCII-only texts skip the encoder. */
export const utf8Bytes = (text: string): number => {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range check on purpose
  return /^[\u0000-\u007f]*$/.test(text) ? text.length : encoder.encode(text).length;
};

/** The service's payload quota: 256 KiB of UTF-8 JSON for any state input, output or task result. */
export const PAYLOAD_LIMIT_BYTES = 262_144;

/**
 * An upper bound on the UTF-8 size of a JSON text that is exact whenever it exceeds the quota (so
 * `payloadBound(t) > PAYLOAD_LIMIT_BYTES` is exactly `exceedsPayloadLimit(t)`), without encoding
 * short texts.
 */
export const payloadBound = (text: string): number =>
  text.length * 3 > PAYLOAD_LIMIT_BYTES ? utf8Bytes(text) : text.length * 3;

export const exceedsPayloadLimit = (text: string): boolean =>
  // A UTF-16 unit never takes more than 3 UTF-8 bytes, so short texts cannot exceed the quota.
  text.length * 3 > PAYLOAD_LIMIT_BYTES && utf8Bytes(text) > PAYLOAD_LIMIT_BYTES;
