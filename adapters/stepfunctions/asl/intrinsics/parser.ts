import { err, ok, type Result } from 'neverthrow';
import type { JsonPath } from '../jsonpath/ast.ts';
import {
  atEnd,
  type Cursor,
  eat,
  expect,
  isSyntaxFailure,
  lookingAt,
  peek,
  readNumber,
  skipWs,
  syntaxFailure,
} from '../jsonpath/cursor.ts';
import { parsePathAt } from '../jsonpath/parser.ts';
import type { Json } from '../types.ts';

// Intrinsic function invocations such as `States.Format('{} {}', $.a, States.UUID())`.
// String literals keep their raw text: in States.Format, `\{` and `\}` are literal braces,
// not placeholders, so the template must be read before its escapes are resolved.

export type IntrinsicArg =
  | { kind: 'literal'; value: Json; raw?: string }
  | { kind: 'path'; path: JsonPath }
  | { kind: 'call'; call: IntrinsicCall };

export type IntrinsicCall = { name: string; args: IntrinsicArg[]; depth: number };

const readStringLiteral = (c: Cursor): { value: string; raw: string } => {
  expect(c, "'");
  let value = '';
  let raw = '';
  while (!atEnd(c)) {
    const ch = peek(c);
    if (ch === '\\') {
      const next = peek(c, 1);
      // Only ', {, } and \ may be escaped; an open escape is a runtime error in the service.
      if (!["'", '{', '}', '\\'].includes(next)) throw syntaxFailure(c, 'invalid escape sequence');
      value += next;
      raw += ch + next;
      c.pos += 2;
      continue;
    }
    if (ch === "'") {
      c.pos++;
      return { value, raw };
    }
    value += ch;
    raw += ch;
    c.pos++;
  }
  throw syntaxFailure(c, 'unterminated string literal');
};

const parseArg = (c: Cursor, depth: number): IntrinsicArg => {
  skipWs(c);
  if (lookingAt(c, 'States.')) return { kind: 'call', call: parseCall(c, depth + 1) };
  if (peek(c) === "'") {
    const { value, raw } = readStringLiteral(c);
    return { kind: 'literal', value, raw };
  }
  if (peek(c) === '$') return { kind: 'path', path: parsePathAt(c, true) };
  for (const [word, value] of [
    ['true', true],
    ['false', false],
    ['null', null],
  ] as const) {
    if (eat(c, word)) return { kind: 'literal', value };
  }
  const n = readNumber(c);
  if (n === undefined) throw syntaxFailure(c, 'expected an argument');
  return { kind: 'literal', value: n };
};

const parseCall = (c: Cursor, depth: number): IntrinsicCall => {
  const m = /^States\.[A-Za-z0-9]+/.exec(c.src.slice(c.pos));
  if (m === null) throw syntaxFailure(c, 'expected an intrinsic function name');
  c.pos += m[0].length;
  skipWs(c);
  expect(c, '(');
  const args: IntrinsicArg[] = [];
  skipWs(c);
  if (!eat(c, ')')) {
    for (;;) {
      args.push(parseArg(c, depth));
      skipWs(c);
      if (!eat(c, ',')) break;
    }
    expect(c, ')');
  }
  return { name: m[0], args, depth };
};

export const isIntrinsic = (text: string): boolean => text.trimStart().startsWith('States.');

const cache = new Map<string, Result<IntrinsicCall, string>>();

export const parseIntrinsic = (text: string): Result<IntrinsicCall, string> => {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  let result: Result<IntrinsicCall, string>;
  try {
    const c: Cursor = { src: text, pos: 0 };
    skipWs(c);
    const call = parseCall(c, 1);
    skipWs(c);
    if (!atEnd(c)) throw syntaxFailure(c, 'unexpected text after the function call');
    result = ok(call);
  } catch (e) {
    if (!isSyntaxFailure(e)) throw e;
    result = err(`Invalid intrinsic function: ${e.message}`);
  }
  if (cache.size < 10_000) cache.set(text, result);
  return result;
};
