import type { Wildcard } from './pattern.types.ts';

// `*` matches any run of characters (empty included); `\*` is a literal star, `\\` a literal backslash, and any
// other escape is refused, as are two consecutive `*`s (event-ruler WildcardParser).

/** The parsed wildcard, or the reason it is malformed. */
export const parseWildcard = (source: string): Wildcard | string => {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '*') {
      if (source[i + 1] === '*') return `consecutive wildcard characters at position ${i} of "${source}"`;
      parts.push(current);
      current = '';
    } else if (c === '\\') {
      const next = source[i + 1];
      if (next !== '*' && next !== '\\') return `invalid escape at position ${i} of "${source}": only \\* and \\\\`;
      current += next;
      i++;
    } else {
      current += c;
    }
  }
  parts.push(current);
  return { parts, source };
};

/** Greedy leftmost placement of the middle pieces is exact for patterns whose only operator is `*`. */
export const matchesWildcard = (parts: readonly string[], value: string): boolean => {
  const first = parts[0] ?? '';
  if (parts.length === 1) return value === first;
  const last = parts[parts.length - 1] ?? '';
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] ?? '';
    const found = value.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
};

// Complexity, after event-ruler's MachineComplexityEvaluator: the largest number of wildcard-pattern prefixes
// that can match one input at the same time, summed over the wildcard patterns of one field. "*a*a*a*" scores 7
// on "aaa"; three "*:stack/NAME/*" patterns score 9 on ":stack/A/:stack/B/:stack/C/:stack/". The alphabet is the literal
// characters plus one "other" character; the search runs over reachable sets of prefix states, capped.

type Token = string | null; // null = `*`

const tokens = (w: Wildcard): Token[] => w.parts.flatMap((part, i) => (i === 0 ? [...part] : [null, ...part]));

/** Positions reachable without consuming input (a `*` may match nothing). */
const closure = (pattern: readonly Token[], positions: Iterable<number>): Set<number> => {
  const out = new Set<number>();
  for (let p of positions) {
    out.add(p);
    while (pattern[p] === null) out.add(++p);
  }
  return out;
};

/** Position p means "the first p tokens match the input so far"; a `*` just before p may absorb one more char. */
const step = (pattern: readonly Token[], positions: ReadonlySet<number>, c: string): Set<number> => {
  const next: number[] = [];
  for (const p of positions) {
    if (p > 0 && pattern[p - 1] === null) next.push(p);
    if (pattern[p] === c) next.push(p + 1);
  }
  return closure(pattern, next);
};

/** Max simultaneous matching prefixes over all inputs, stopping at `cap` (the search is exponential at worst). */
export const wildcardComplexity = (wildcards: readonly Wildcard[], cap: number): number => {
  const patterns = wildcards.map(tokens);
  const alphabet = [...new Set(patterns.flat().filter((t): t is string => t !== null)), '\u0000'];
  const score = (states: readonly Set<number>[]) => states.reduce((n, s) => n + [...s].filter((p) => p > 0).length, 0);
  const start = patterns.map((p) => closure(p, [0]));
  const key = (states: readonly Set<number>[]) => states.map((s) => [...s].sort((a, b) => a - b).join(',')).join('|');
  const seen = new Set([key(start)]);
  const queue = [start];
  let best = score(start);
  for (let head = 0; head < queue.length && best < cap; head++) {
    if (seen.size > 20_000) return cap; // pathological: treat as too complex rather than search forever
    const states = queue[head] ?? [];
    for (const c of alphabet) {
      const next = states.map((s, i) => step(patterns[i] ?? [], s, c));
      const k = key(next);
      if (seen.has(k)) continue;
      seen.add(k);
      best = Math.max(best, score(next));
      queue.push(next);
    }
  }
  return Math.min(best, cap);
};
