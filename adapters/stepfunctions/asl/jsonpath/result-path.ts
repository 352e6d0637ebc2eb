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

/** applyResultPath without the Result wrapper, for the task path: undefined when it cannot apply. */
export const placeResult = (resultPath: string | null | undefined, rawInput: Json, result: Json): Json | undefined => {
  if (resultPath === undefined || resultPath === '$') return result;
  if (resultPath === null) return rawInput;
  const parsed = parsePath(resultPath);
  return parsed.isErr() ? undefined : setAt(rawInput, parsed.value.segments, 0, result);
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
  if (resultPath === undefined || resultPath === '$') return ok(result);
  if (resultPath === null) return ok(rawInput);
  const parsed = parsePath(resultPath);
  if (parsed.isErr()) return err(parsed.error);
  const placed = setAt(rawInput, parsed.value.segments, 0, result);
  return placed === undefined
    ? err(`Unable to apply ResultPath "${resultPath}" to input ${JSON.stringify(rawInput)}`)
    : ok(placed);
};
