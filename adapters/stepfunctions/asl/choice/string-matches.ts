// StringMatches: `*` matches any run of characters (possibly empty); `\*` is a literal star and
// `\\` a literal backslash. Nothing else is special.

type Token = { kind: 'star' } | { kind: 'text'; text: string };

const tokenize = (pattern: string): Token[] => {
  const tokens: Token[] = [];
  let text = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === '\\' && (pattern.charAt(i + 1) === '*' || pattern.charAt(i + 1) === '\\')) {
      text += pattern.charAt(++i);
    } else if (ch === '*') {
      if (text !== '') tokens.push({ kind: 'text', text });
      text = '';
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else text += ch;
  }
  if (text !== '') tokens.push({ kind: 'text', text });
  return tokens;
};

/** Greedy-free glob match: each literal piece is found left to right after the previous one. */
export const stringMatches = (value: string, pattern: string): boolean => {
  const tokens = tokenize(pattern);
  let pos = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'star') continue;
    const anchoredStart = i === 0;
    const anchoredEnd = i === tokens.length - 1;
    if (anchoredStart) {
      if (!value.startsWith(t.text)) return false;
      pos = t.text.length;
      if (anchoredEnd) return value.length === pos;
      continue;
    }
    if (anchoredEnd) return value.length - t.text.length >= pos && value.endsWith(t.text);
    const found = value.indexOf(t.text, pos);
    if (found < 0) return false;
    pos = found + t.text.length;
  }
  // Pattern empty (only matches ""), or it ends with a star.
  return tokens.length === 0 ? value === '' : true;
};
