import type { Json } from '../types.ts';
import type { CompareOp, FilterExpr, JsonPath, Operand } from './ast.ts';
import {
  atEnd,
  type Cursor,
  eat,
  expect,
  lookingAt,
  peek,
  readNumber,
  readQuoted,
  skipWs,
  syntaxFailure,
} from './cursor.ts';

// Jayway filter predicates: `?(@.price < 10 && @.tag == 'x')`, existence `?(@.isbn)`, regex `=~ /a.*/i`,
// list operators (in, nin, subsetof, anyof, noneof), size and empty, `!` and parentheses.
// The path parser is passed in so this module and parser.ts do not import each other.

type PathParser = (c: Cursor) => JsonPath;

const SYMBOL_OPS: CompareOp[] = ['==', '!=', '<=', '>=', '=~', '<', '>'];
const WORD_OPS: CompareOp[] = ['subsetof', 'noneof', 'anyof', 'empty', 'size', 'nin', 'in'];

const readRegex = (c: Cursor): RegExp => {
  expect(c, '/');
  let body = '';
  while (!atEnd(c) && peek(c) !== '/') {
    if (peek(c) === '\\') {
      body += peek(c) + peek(c, 1);
      c.pos += 2;
    } else {
      body += peek(c);
      c.pos++;
    }
  }
  expect(c, '/');
  const flags = /^[imsu]*/.exec(c.src.slice(c.pos))?.[0] ?? '';
  c.pos += flags.length;
  try {
    // Java's Matcher.matches() must match the whole string.
    return new RegExp(`^(?:${body})$`, flags);
  } catch {
    throw syntaxFailure(c, 'invalid regular expression');
  }
};

const readLiteral = (c: Cursor): Json => {
  if (peek(c) === "'" || peek(c) === '"') return readQuoted(c);
  for (const [word, value] of [
    ['true', true],
    ['false', false],
    ['null', null],
  ] as const) {
    if (eat(c, word)) return value;
  }
  if (eat(c, '[')) {
    const items: Json[] = [];
    skipWs(c);
    if (!eat(c, ']')) {
      do {
        skipWs(c);
        items.push(readLiteral(c));
        skipWs(c);
      } while (eat(c, ','));
      expect(c, ']');
    }
    return items;
  }
  const n = readNumber(c);
  if (n === undefined) throw syntaxFailure(c, 'expected a value');
  return n;
};

const readOperand = (c: Cursor, parsePath: PathParser): Operand => {
  skipWs(c);
  const ch = peek(c);
  if (ch === '@' || ch === '$') return { kind: 'path', path: parsePath(c) };
  if (ch === '/') return { kind: 'regex', regex: readRegex(c) };
  return { kind: 'literal', value: readLiteral(c) };
};

const readOp = (c: Cursor): CompareOp | undefined => {
  skipWs(c);
  for (const op of SYMBOL_OPS) if (eat(c, op)) return op;
  for (const op of WORD_OPS) {
    if (lookingAt(c, op) && !/[A-Za-z0-9_]/.test(peek(c, op.length))) {
      c.pos += op.length;
      return op;
    }
  }
  return undefined;
};

const parseComparison = (c: Cursor, parsePath: PathParser): FilterExpr => {
  const left = readOperand(c, parsePath);
  const op = readOp(c);
  if (op === undefined) {
    if (left.kind !== 'path') throw syntaxFailure(c, 'expected a comparison operator');
    return { kind: 'exists', operand: left };
  }
  const right = readOperand(c, parsePath);
  if (op === '=~' && right.kind !== 'regex') throw syntaxFailure(c, "'=~' needs a /regex/ on its right");
  return { kind: 'compare', op, left, right };
};

const parseUnary = (c: Cursor, parsePath: PathParser): FilterExpr => {
  skipWs(c);
  if (peek(c) === '!' && peek(c, 1) !== '=') {
    c.pos++;
    return { kind: 'not', expr: parseUnary(c, parsePath) };
  }
  if (eat(c, '(')) {
    const inner = parseFilterExpr(c, parsePath);
    skipWs(c);
    expect(c, ')');
    return inner;
  }
  return parseComparison(c, parsePath);
};

const parseAnd = (c: Cursor, parsePath: PathParser): FilterExpr => {
  let left = parseUnary(c, parsePath);
  for (;;) {
    skipWs(c);
    if (!eat(c, '&&')) return left;
    left = { kind: 'and', left, right: parseUnary(c, parsePath) };
  }
};

export const parseFilterExpr = (c: Cursor, parsePath: PathParser): FilterExpr => {
  let left = parseAnd(c, parsePath);
  for (;;) {
    skipWs(c);
    if (!eat(c, '||')) return left;
    left = { kind: 'or', left, right: parseAnd(c, parsePath) };
  }
};
