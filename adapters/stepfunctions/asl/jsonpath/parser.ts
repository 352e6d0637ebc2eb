import { err, ok, type Result } from 'neverthrow';
import type { JsonPath, Root, Segment } from './ast.ts';
import {
  atEnd,
  type Cursor,
  eat,
  expect,
  isSyntaxFailure,
  lookingAt,
  peek,
  readInteger,
  readQuoted,
  skipWs,
  syntaxFailure,
} from './cursor.ts';
import { parseFilterExpr } from './filter-parser.ts';

// JSONPath as Step Functions evaluates it (Jayway JsonPath): dot and bracket names, indexes
// (negative too), unions, wildcards, slices, deep scan and `?()` filters, rooted at `$`, `$$`
// (context object), `$name` (workflow variable) or, inside filters, `@`.

/** Characters that end a dot-notation name when the path is embedded in a larger expression. */
const EMBEDDED_STOP = /[.[\]()=!<>&|,\s'"]/;
const TOP_STOP = /[.[\]()'",\s]/;

const readDotName = (c: Cursor, embedded: boolean): string => {
  const stop = embedded ? EMBEDDED_STOP : TOP_STOP;
  const start = c.pos;
  while (!atEnd(c) && !stop.test(peek(c))) c.pos++;
  if (c.pos === start) throw syntaxFailure(c, 'expected a property name');
  return c.src.slice(start, c.pos);
};

const readIdentifier = (c: Cursor): string => {
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(c.src.slice(c.pos));
  if (m === null) throw syntaxFailure(c, 'expected a variable name');
  c.pos += m[0].length;
  return m[0];
};

const parseSliceOrIndexes = (c: Cursor): Segment => {
  const first = readInteger(c);
  skipWs(c);
  if (peek(c) === ':') {
    const parts: (number | undefined)[] = [first];
    while (eat(c, ':')) {
      skipWs(c);
      parts.push(readInteger(c));
      skipWs(c);
    }
    if (parts.length > 3) throw syntaxFailure(c, 'a slice has at most three parts');
    if (parts[2] === 0) throw syntaxFailure(c, 'slice step cannot be zero');
    return { kind: 'slice', start: parts[0], end: parts[1], step: parts[2] };
  }
  if (first === undefined) throw syntaxFailure(c, 'expected an index');
  const indexes = [first];
  while (eat(c, ',')) {
    skipWs(c);
    const next = readInteger(c);
    if (next === undefined) throw syntaxFailure(c, 'expected an index');
    indexes.push(next);
    skipWs(c);
  }
  return indexes.length === 1 ? { kind: 'index', index: first } : { kind: 'indexes', indexes };
};

const parseBracket = (c: Cursor): Segment => {
  expect(c, '[');
  skipWs(c);
  let segment: Segment;
  if (eat(c, '*')) segment = { kind: 'wildcard' };
  else if (eat(c, '?')) {
    skipWs(c);
    expect(c, '(');
    const expr = parseFilterExpr(c, (cur) => parsePathAt(cur, true));
    skipWs(c);
    expect(c, ')');
    segment = { kind: 'filter', expr };
  } else if (peek(c) === "'" || peek(c) === '"') {
    const names = [readQuoted(c)];
    skipWs(c);
    while (eat(c, ',')) {
      skipWs(c);
      names.push(readQuoted(c));
      skipWs(c);
    }
    segment = names.length === 1 ? { kind: 'name', name: names[0] as string } : { kind: 'names', names };
  } else segment = parseSliceOrIndexes(c);
  skipWs(c);
  expect(c, ']');
  return segment;
};

const parseSegments = (c: Cursor, embedded: boolean): Segment[] => {
  const segments: Segment[] = [];
  for (;;) {
    if (eat(c, '..')) {
      if (eat(c, '*')) segments.push({ kind: 'scan', target: { kind: 'wildcard' } });
      else if (peek(c) === '[') segments.push({ kind: 'scan', target: parseBracket(c) });
      else segments.push({ kind: 'scan', target: { kind: 'name', name: readDotName(c, embedded) } });
    } else if (eat(c, '.')) {
      if (eat(c, '*')) segments.push({ kind: 'wildcard' });
      else segments.push({ kind: 'name', name: readDotName(c, embedded) });
    } else if (peek(c) === '[') segments.push(parseBracket(c));
    else return segments;
  }
};

const parseRoot = (c: Cursor, embedded: boolean): Root => {
  if (embedded && eat(c, '@')) return { kind: 'current' };
  expect(c, '$');
  if (eat(c, '$')) return { kind: 'context' };
  if (/[A-Za-z_]/.test(peek(c))) return { kind: 'variable', name: readIdentifier(c) };
  return { kind: 'input' };
};

const isPlainStep = (s: Segment): boolean => s.kind === 'name' || s.kind === 'index';

/** Parses a path that starts at the cursor and stops where a larger expression continues. */
export const parsePathAt = (c: Cursor, embedded: boolean): JsonPath => {
  const start = c.pos;
  const root = parseRoot(c, embedded);
  const segments = parseSegments(c, embedded);
  const plain = segments.every(isPlainStep);
  const last = segments[segments.length - 1];
  const mergedLeaf = last?.kind === 'names' && segments.slice(0, -1).every(isPlainStep);
  return {
    text: c.src.slice(start, c.pos),
    root,
    segments,
    definite: plain || mergedLeaf,
    reference: plain && root.kind !== 'current',
  };
};

const cache = new Map<string, Result<JsonPath, string>>();

/** Parses a whole string as a path; results are cached because definitions reuse the same paths. */
export const parsePath = (text: string): Result<JsonPath, string> => {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  let result: Result<JsonPath, string>;
  try {
    const c: Cursor = { src: text, pos: 0 };
    if (!lookingAt(c, '$')) throw syntaxFailure(c, "a path must start with '$'");
    const path = parsePathAt(c, false);
    if (!atEnd(c)) throw syntaxFailure(c, 'unexpected character');
    result = ok(path);
  } catch (e) {
    if (!isSyntaxFailure(e)) throw e;
    result = err(`Invalid JSONPath: ${e.message}`);
  }
  if (cache.size < 10_000) cache.set(text, result);
  return result;
};
