import { foldCase } from './case-fold.ts';
import { inRange, parseIp, sameAddress } from './ip-address.ts';
import { isComparable } from './numbers.ts';
import type { Matcher, Scalar } from './pattern.types.ts';
import { matchesWildcard } from './wildcard.ts';

// Whether one event leaf value satisfies one matcher. String operators see only strings, numeric ones only
// numbers; anything-but matches every present value it does not exclude, whatever its type (event-ruler marks an
// anything-but as failed only when the value itself hits one of the excluded values).

export const matchesValue = (m: Matcher, v: Scalar): boolean => {
  switch (m.kind) {
    case 'exact-string':
      return v === m.value;
    case 'exact-ip': {
      const address = typeof v === 'string' ? parseIp(v) : undefined;
      return address !== undefined && sameAddress(address, m.address);
    }
    case 'exact-number':
      return v === m.value;
    case 'exact-literal':
      return v === m.value;
    case 'prefix':
      return typeof v === 'string' && (m.ignoreCase ? foldCase(v) : v).startsWith(m.value);
    case 'suffix':
      return typeof v === 'string' && (m.ignoreCase ? foldCase(v) : v).endsWith(m.value);
    case 'equals-ignore-case':
      return typeof v === 'string' && foldCase(v) === m.folded;
    case 'wildcard':
      return typeof v === 'string' && matchesWildcard(m.wildcard.parts, v);
    case 'numeric':
      return (
        typeof v === 'number' &&
        isComparable(v) &&
        (m.lowerOpen ? v > m.lower : v >= m.lower) &&
        (m.upperOpen ? v < m.upper : v <= m.upper)
      );
    case 'exists':
      return true;
    case 'cidr': {
      const address = typeof v === 'string' ? parseIp(v) : undefined;
      return address !== undefined && inRange(address, m.lower, m.upper);
    }
    case 'anything-but':
      if (typeof v === 'string') return m.strings?.has(v) !== true;
      if (typeof v === 'number') return m.numbers?.has(v) !== true;
      return true;
    case 'anything-but-prefix':
      return typeof v !== 'string' || !m.values.some((p) => v.startsWith(p));
    case 'anything-but-suffix':
      return typeof v !== 'string' || !m.values.some((s) => v.endsWith(s));
    case 'anything-but-ignore-case':
      return typeof v !== 'string' || !m.folded.has(foldCase(v));
    case 'anything-but-wildcard':
      return typeof v !== 'string' || !m.wildcards.some((w) => matchesWildcard(w.parts, v));
  }
};
