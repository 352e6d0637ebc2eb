// A tiny scanner shared by the JSONPath, filter and intrinsic-function parsers.
// Recursive-descent parsers report syntax errors by throwing SyntaxFailure; every public parse
// function catches it at its boundary and returns a Result, so no exception escapes the module.

export type Cursor = { readonly src: string; pos: number };

export type SyntaxFailure = { readonly kind: 'SyntaxFailure'; readonly message: string };

export const syntaxFailure = (c: Cursor, what: string): SyntaxFailure => ({
  kind: 'SyntaxFailure',
  message: `${what} at position ${c.pos} in '${c.src}'`,
});

export const isSyntaxFailure = (e: unknown): e is SyntaxFailure =>
  typeof e === 'object' && e !== null && (e as { kind?: unknown }).kind === 'SyntaxFailure';

export const atEnd = (c: Cursor): boolean => c.pos >= c.src.length;

export const peek = (c: Cursor, offset = 0): string => c.src.charAt(c.pos + offset);

export const skipWs = (c: Cursor): void => {
  while (c.pos < c.src.length && /\s/.test(c.src.charAt(c.pos))) c.pos++;
};

export const lookingAt = (c: Cursor, s: string): boolean => c.src.startsWith(s, c.pos);

export const eat = (c: Cursor, s: string): boolean => {
  if (!lookingAt(c, s)) return false;
  c.pos += s.length;
  return true;
};

export const expect = (c: Cursor, s: string): void => {
  if (!eat(c, s)) throw syntaxFailure(c, `expected '${s}'`);
};

/** A single- or double-quoted string; `\` escapes the next character. */
export const readQuoted = (c: Cursor): string => {
  const quote = peek(c);
  if (quote !== "'" && quote !== '"') throw syntaxFailure(c, 'expected a quoted string');
  c.pos++;
  let out = '';
  while (!atEnd(c)) {
    const ch = peek(c);
    if (ch === '\\') {
      const next = peek(c, 1);
      if (next === '') break;
      out += next;
      c.pos += 2;
      continue;
    }
    if (ch === quote) {
      c.pos++;
      return out;
    }
    out += ch;
    c.pos++;
  }
  throw syntaxFailure(c, 'unterminated string');
};

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;

export const readNumber = (c: Cursor): number | undefined => {
  const m = NUMBER.exec(c.src.slice(c.pos));
  if (m === null) return undefined;
  c.pos += m[0].length;
  return Number(m[0]);
};

export const readInteger = (c: Cursor): number | undefined => {
  const m = /^-?\d+/.exec(c.src.slice(c.pos));
  if (m === null) return undefined;
  c.pos += m[0].length;
  return Number(m[0]);
};
