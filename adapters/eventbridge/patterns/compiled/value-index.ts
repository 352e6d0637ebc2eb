import { foldCase } from '../case-fold.ts';
import { matchesValue } from '../match-value.ts';
import { isComparable } from '../numbers.ts';
import type { Matcher, NumericRange, Scalar } from '../pattern.types.ts';
import { buildNumericIndex, type NumericIndex, numericRegion } from './numeric-index.ts';

// Per field path, every matcher used by any rule on that path, indexed so that one event value finds the
// conditions it satisfies without trying each rule: exact values by hash lookup, prefixes and suffixes by one
// lookup per distinct length, and only the remaining operators (numeric, wildcard, cidr, anything-but) tested
// one by one, wildcards behind a cheap check of their literal head and tail.

type Lookup<K> = Map<K, number[]>;
type ByLength = { readonly length: number; readonly map: Lookup<string> }[];
type Tested = {
  readonly matcher: Matcher;
  readonly conditions: number[];
  readonly head: string;
  readonly tail: string;
};

export type ValueIndex = {
  readonly strings: Lookup<string>;
  readonly numbers: Lookup<number>;
  readonly literals: Lookup<boolean | null>;
  readonly prefixes: ByLength;
  readonly suffixes: ByLength;
  readonly foldedPrefixes: ByLength;
  readonly foldedSuffixes: ByLength;
  readonly folded: Lookup<string>;
  readonly numeric: NumericIndex | undefined;
  readonly tested: Tested[];
  readonly usesFold: boolean;
};

const add = <K>(map: Lookup<K>, key: K, condition: number) => {
  const list = map.get(key);
  if (list === undefined) map.set(key, [condition]);
  else if (!list.includes(condition)) list.push(condition);
};

const addByLength = (table: ByLength, key: string, condition: number) => {
  let row = table.find((r) => r.length === key.length);
  if (row === undefined) {
    row = { length: key.length, map: new Map() };
    table.push(row);
  }
  add(row.map, key, condition);
};

/** A stable identity for a matcher, so equal matchers from different rules share one test. */
export const matcherKey = (m: Matcher): string => {
  switch (m.kind) {
    case 'anything-but':
      return `ab:${JSON.stringify([...(m.strings ?? [])].sort())}:${JSON.stringify([...(m.numbers ?? [])].sort())}`;
    case 'anything-but-ignore-case':
      return `abi:${JSON.stringify([...m.folded].sort())}`;
    case 'anything-but-wildcard':
      return `abw:${JSON.stringify(m.wildcards.map((w) => w.source).sort())}`;
    case 'wildcard':
      return `w:${m.wildcard.source}`;
    case 'exact-ip':
    case 'cidr':
      return `${m.kind}:${m.kind === 'cidr' ? `${m.lower}-${m.upper}` : `${m.address}`}`;
    default:
      return JSON.stringify(m);
  }
};

export const buildValueIndex = (entries: readonly { matcher: Matcher; condition: number }[]): ValueIndex => {
  const ranges = entries.flatMap(({ matcher, condition }) =>
    matcher.kind === 'numeric' ? [{ range: matcher as NumericRange, condition }] : [],
  );
  const index: ValueIndex = {
    numeric: ranges.length > 0 ? buildNumericIndex(ranges) : undefined,
    strings: new Map(),
    numbers: new Map(),
    literals: new Map(),
    prefixes: [],
    suffixes: [],
    foldedPrefixes: [],
    foldedSuffixes: [],
    folded: new Map(),
    tested: [],
    usesFold: entries.some(
      ({ matcher: m }) =>
        m.kind === 'equals-ignore-case' || ((m.kind === 'prefix' || m.kind === 'suffix') && m.ignoreCase),
    ),
  };
  const tested = new Map<string, Tested>();
  for (const { matcher: m, condition } of entries) {
    if (m.kind === 'exact-string') add(index.strings, m.value, condition);
    else if (m.kind === 'exact-number') add(index.numbers, m.value, condition);
    else if (m.kind === 'exact-literal') add(index.literals, m.value, condition);
    else if (m.kind === 'equals-ignore-case') add(index.folded, m.folded, condition);
    else if (m.kind === 'prefix') addByLength(m.ignoreCase ? index.foldedPrefixes : index.prefixes, m.value, condition);
    else if (m.kind === 'suffix') addByLength(m.ignoreCase ? index.foldedSuffixes : index.suffixes, m.value, condition);
    else if (m.kind !== 'numeric') {
      const key = matcherKey(m);
      const parts = m.kind === 'wildcard' ? m.wildcard.parts : undefined;
      const entry = tested.get(key) ?? {
        matcher: m,
        conditions: [],
        head: parts !== undefined && parts.length > 1 ? (parts[0] ?? '') : '',
        tail: parts !== undefined && parts.length > 1 ? (parts[parts.length - 1] ?? '') : '',
      };
      if (!entry.conditions.includes(condition)) entry.conditions.push(condition);
      tested.set(key, entry);
    }
  }
  index.tested.push(...tested.values());
  return index;
};

const lookupByLength = (table: ByLength, value: string, fromEnd: boolean, hit: (conditions: number[]) => void) => {
  for (const { length, map } of table) {
    if (length > value.length) continue;
    const found = map.get(fromEnd ? value.slice(value.length - length) : value.slice(0, length));
    if (found !== undefined) hit(found);
  }
};

/** Calls `hit` with each list of conditions that `value` satisfies (a condition may be reported twice). */
export const probe = (index: ValueIndex, value: Scalar, hit: (conditions: number[]) => void): void => {
  if (typeof value === 'string') {
    const exact = index.strings.get(value);
    if (exact !== undefined) hit(exact);
    if (index.prefixes.length > 0) lookupByLength(index.prefixes, value, false, hit);
    if (index.suffixes.length > 0) lookupByLength(index.suffixes, value, true, hit);
    if (index.usesFold) {
      const folded = foldCase(value);
      const same = index.folded.get(folded);
      if (same !== undefined) hit(same);
      lookupByLength(index.foldedPrefixes, folded, false, hit);
      lookupByLength(index.foldedSuffixes, folded, true, hit);
    }
  } else if (typeof value === 'number') {
    const exact = index.numbers.get(value);
    if (exact !== undefined) hit(exact);
    if (index.numeric !== undefined && isComparable(value)) {
      const covering = numericRegion(index.numeric, value);
      if (covering.length > 0) hit(covering);
    }
  } else {
    const exact = index.literals.get(value);
    if (exact !== undefined) hit(exact);
  }
  for (const t of index.tested) {
    if (t.head !== '' && (typeof value !== 'string' || !value.startsWith(t.head))) continue;
    if (t.tail !== '' && (typeof value !== 'string' || !value.endsWith(t.tail))) continue;
    if (matchesValue(t.matcher, value)) hit(t.conditions);
  }
};
