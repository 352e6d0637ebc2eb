import { err, ok, type Result } from 'neverthrow';
import { isObject } from '../json.ts';
import type { Json, JsonObject } from '../types.ts';
import type { Segment } from './ast.ts';
import { parsePath } from './parser.ts';

/**
 * A copy of an object with one member set. Object.assign copies faster than a spread with a
 * computed key once the call site sees several object shapes, but it assigns, and assigning
 * "__proto__" would set the prototype: objects with that key take the spread.
 */
const withMember = (node: JsonObject, name: string, value: Json): JsonObject => {
  if (name === '__proto__' || Object.hasOwn(node, '__proto__')) return { ...node, [name]: value };
  const copy: JsonObject = Object.assign({}, node);
  copy[name] = value;
  return copy;
};

const setAt = (node: Json, segments: readonly Segment[], i: number, value: Json): Json | undefined => {
  const seg = segments[i];
  if (seg === undefined) return value;
  if (seg.kind === 'name') {
    if (!isObject(node)) return undefined;
    const child = Object.hasOwn(node, seg.name) ? (node[seg.name] as Json) : {};
    const replaced = setAt(child, segments, i + 1, value);
    return replaced === undefined ? undefined : withMember(node, seg.name, replaced);
  }
  if (seg.kind === 'index' && Array.isArray(node)) {
    const idx = seg.index < 0 ? node.length + seg.index : seg.index;
    if (idx < 0 || idx >= node.length) return undefined;
    const replaced = setAt(node[idx] as Json, segments, i + 1, value);
    if (replaced === undefined) return undefined;
    const copy = node.slice();
    copy[idx] = replaced;
    return copy;
  }
  return undefined;
};

/** ResultPath as a function of the raw input and the result: undefined when it cannot apply. */
export type PlaceResult = (rawInput: Json, result: Json) => Json | undefined;

const theResult: PlaceResult = (_, result) => result;
const theInput: PlaceResult = (rawInput) => rawInput;
const nowhere: PlaceResult = () => undefined;

/**
 * applyResultPath without the Result wrapper, compiled once per state for the task path: the path
 * is parsed here rather than looked up on every result, and `$.name`, the common form, sets the
 * member directly.
 */
export const compileResultPath = (resultPath: string | null | undefined): PlaceResult => {
  if (resultPath === undefined || resultPath === '$') return theResult;
  if (resultPath === null) return theInput;
  const parsed = parsePath(resultPath);
  if (parsed.isErr()) return nowhere;
  const segments = parsed.value.segments;
  const only = segments.length === 1 ? segments[0] : undefined;
  if (only?.kind === 'name') {
    const name = only.name;
    return (rawInput, result) => (isObject(rawInput) ? withMember(rawInput, name, result) : undefined);
  }
  return (rawInput, result) => setAt(rawInput, segments, 0, result);
};

/**
 * Places a result into the state's raw input as ResultPath directs: absent or `$` replaces the
 * input, `null` discards the result, a reference path writes into a copy (creating missing objects).
 */
export const applyResultPath = (
  resultPath: string | null | undefined,
  rawInput: Json,
  result: Json,
): Result<Json, string> => {
  const placed = compileResultPath(resultPath)(rawInput, result);
  return placed === undefined
    ? err(`Unable to apply ResultPath "${resultPath}" to input ${JSON.stringify(rawInput)}`)
    : ok(placed);
};
