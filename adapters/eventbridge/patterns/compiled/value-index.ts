import { foldCase } from '../case-fold.ts';
import { matchesValue } from '../match-value.ts';
import { isComparable } from '../numbers.ts';
import type { Matcher, NumericRange, Scalar } from '../pattern.types.ts';
import { matchesWildcard } from '../wildcard.ts';
import { type AffixTable, affixTable, lookupAffixes } from './affix-table.ts';
import { buildNumericIndex, type NumericIndex, numericRegion } from './numeric-index.ts';

// Per field path, every matcher used by any rule on that path, indexed so that one event value finds the
// conditions it satisfies without trying each rule: exact values by hash lookup, prefixes and suffixes through
// affix tables, numeric ranges by binary search over their bounds, wildcards through the table of their literal
// head (or tail), plain anything-but by its excluded values; only what is left (anything-but prefix/suffix/
// ignore-case/wildcard, cidr, IP literals, "*x*" wildcards) is tested one by one.

type Lookup<K> = Map<K, number[]>;
type Tested = { readonly matcher: Matcher; readonly conditions: number[] };

export type ValueIndex = {
  readonly strings: Lookup<string>;
  readonly numbers: Lookup<number>;
  readonly literals: Lookup<boolean | null>;
  readonly prefixes: AffixTable<number[]>;
  readonly suffixes: AffixTable<number[]>;
  readonly folded: Lookup<string> | undefined;
  readonly foldedPrefixes: AffixTable<number[]>;
  readonly foldedSuffixes: AffixTable<number[]>;
  readonly numeric: NumericIndex | undefined;
  /** Wildcards by literal head, or by literal tail when they start with `*`. */
  readonly wildcardHeads: AffixTable<Tested[]>;
  readonly wildcardTails: AffixTable<Tested[]>;
  /** Conditions every present value satisfies (exists: true). */
  readonly always: number[];
  /** Plain anything-but: the conditions they satisfy, unless the value is one some of them exclude. */
  readonly notIn: { all: number[]; strings: Lookup<string>; numbers: Lookup<number> } | undefined;
  readonly tested: readonly Tested[];
};

const add = <K>(map: Map<K, number[]>, key: K, condition: number) => {
  const list = map.get(key);
  if (list === undefined) map.set(key, [condition]);
  else if (!list.includes(condition)) list.push(condition);
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
      return `ip:${m.address}`;
    case 'cidr':
      return `cidr:${m.lower}-${m.upper}`;
    default:
      return JSON.stringify(m);
  }
};

export const buildValueIndex = (entries: readonly { matcher: Matcher; condition: number }[]): ValueIndex => {
  const strings: Lookup<string> = new Map();
  const numbers: Lookup<number> = new Map();
  const literals: Lookup<boolean | null> = new Map();
  const folded: Lookup<string> = new Map();
  const affixes = { prefix: new Map(), suffix: new Map(), foldedPrefix: new Map(), foldedSuffix: new Map() };
  const ranges: { range: NumericRange; condition: number }[] = [];
  const always: number[] = [];
  const notIn: { matcher: Extract<Matcher, { kind: 'anything-but' }>; condition: number }[] = [];
  const tested = new Map<string, Tested>();
  for (const { matcher: m, condition } of entries) {
    if (m.kind === 'exact-string') add(strings, m.value, condition);
    else if (m.kind === 'exact-number') add(numbers, m.value, condition);
    else if (m.kind === 'exact-literal') add(literals, m.value, condition);
    else if (m.kind === 'equals-ignore-case') add(folded, m.folded, condition);
    else if (m.kind === 'prefix') add(m.ignoreCase ? affixes.foldedPrefix : affixes.prefix, m.value, condition);
    else if (m.kind === 'suffix') add(m.ignoreCase ? affixes.foldedSuffix : affixes.suffix, m.value, condition);
    else if (m.kind === 'numeric') ranges.push({ range: m, condition });
    else if (m.kind === 'exists') always.includes(condition) || always.push(condition);
    else if (m.kind === 'anything-but') notIn.push({ matcher: m, condition });
    else {
      const key = matcherKey(m);
      const entry = tested.get(key) ?? { matcher: m, conditions: [] };
      if (!entry.conditions.includes(condition)) entry.conditions.push(condition);
      tested.set(key, entry);
    }
  }
  const heads = new Map<string, Tested[]>();
  const tails = new Map<string, Tested[]>();
  const rest: Tested[] = [];
  for (const t of tested.values()) {
    const parts = t.matcher.kind === 'wildcard' ? t.matcher.wildcard.parts : [];
    const head = parts[0] ?? '';
    const tail = parts[parts.length - 1] ?? '';
    if (parts.length > 1 && head !== '') heads.set(head, [...(heads.get(head) ?? []), t]);
    else if (parts.length > 1 && tail !== '') tails.set(tail, [...(tails.get(tail) ?? []), t]);
    else rest.push(t);
  }
  const usesFold = folded.size + affixes.foldedPrefix.size + affixes.foldedSuffix.size > 0;
  return {
    strings,
    numbers,
    literals,
    prefixes: affixTable(affixes.prefix, 'start'),
    suffixes: affixTable(affixes.suffix, 'end'),
    folded: usesFold ? folded : undefined,
    foldedPrefixes: affixTable(affixes.foldedPrefix, 'start'),
    foldedSuffixes: affixTable(affixes.foldedSuffix, 'end'),
    numeric: ranges.length > 0 ? buildNumericIndex(ranges) : undefined,
    wildcardHeads: affixTable(heads, 'start'),
    wildcardTails: affixTable(tails, 'end'),
    always,
    notIn: notIn.length > 0 ? notInIndex(notIn) : undefined,
    tested: rest,
  };
};

// For each excluded value, the conditions of the anything-but matchers that do not exclude it; every other value
// satisfies them all.
const notInIndex = (entries: readonly { matcher: Extract<Matcher, { kind: 'anything-but' }>; condition: number }[]) => {
  const unique = (conditions: number[]) => [...new Set(conditions)];
  const strings: Lookup<string> = new Map();
  const numbers: Lookup<number> = new Map();
  for (const v of new Set(entries.flatMap(({ matcher }) => [...(matcher.strings ?? [])])))
    strings.set(v, unique(entries.filter(({ matcher }) => matcher.strings?.has(v) !== true).map((e) => e.condition)));
  for (const v of new Set(entries.flatMap(({ matcher }) => [...(matcher.numbers ?? [])])))
    numbers.set(v, unique(entries.filter(({ matcher }) => matcher.numbers?.has(v) !== true).map((e) => e.condition)));
  return { all: unique(entries.map((e) => e.condition)), strings, numbers };
};

type Hit = (conditions: number[]) => void;
const report = (conditions: number[], _value: string, hit: Hit) => hit(conditions);

/** Calls `hit` with each list of conditions that `value` satisfies (a condition may be reported twice). */
export const probe = (index: ValueIndex, value: Scalar, hit: (conditions: number[]) => void): void => {
  if (index.always.length > 0) hit(index.always);
  if (typeof value === 'string') {
    if (index.strings.size > 0) {
      const exact = index.strings.get(value);
      if (exact !== undefined) hit(exact);
    }
    lookupAffixes(index.prefixes, value, report, hit);
    lookupAffixes(index.suffixes, value, report, hit);
    if (index.folded !== undefined) {
      const folded = foldCase(value);
      const same = index.folded.get(folded);
      if (same !== undefined) hit(same);
      lookupAffixes(index.foldedPrefixes, folded, report, hit);
      lookupAffixes(index.foldedSuffixes, folded, report, hit);
    }
    lookupAffixes(index.wildcardHeads, value, testWildcards, hit);
    lookupAffixes(index.wildcardTails, value, testWildcards, hit);
  } else if (typeof value === 'number') {
    if (index.numbers.size > 0) {
      const exact = index.numbers.get(value);
      if (exact !== undefined) hit(exact);
    }
    if (index.numeric !== undefined && isComparable(value)) {
      const covering = numericRegion(index.numeric, value);
      if (covering.length > 0) hit(covering);
    }
  } else {
    const exact = index.literals.get(value);
    if (exact !== undefined) hit(exact);
  }
  const notIn = index.notIn;
  if (notIn !== undefined) {
    const conditions =
      (typeof value === 'string'
        ? notIn.strings.get(value)
        : typeof value === 'number'
          ? notIn.numbers.get(value)
          : undefined) ?? notIn.all;
    if (conditions.length > 0) hit(conditions);
  }
  if (index.tested.length > 0) testAll(index.tested, value, hit);
};

// Wildcards reached through their head or tail: the middle pieces remain to be placed.
const testWildcards = (candidates: readonly Tested[], value: string, hit: Hit) => {
  for (let i = 0; i < candidates.length; i++) {
    const t = candidates[i] as Tested;
    if (t.matcher.kind === 'wildcard' && matchesWildcard(t.matcher.wildcard.parts, value)) hit(t.conditions);
  }
};

const testAll = (candidates: readonly Tested[], value: Scalar, hit: Hit) => {
  for (let i = 0; i < candidates.length; i++) {
    const t = candidates[i] as Tested;
    if (matchesValue(t.matcher, value)) hit(t.conditions);
  }
};
