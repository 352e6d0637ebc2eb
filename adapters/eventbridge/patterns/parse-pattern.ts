import { err, ok, type Result } from 'neverthrow';
import { parseIp } from './ip-address.ts';
import { type Parsed, parseMatchExpression } from './parse-matcher.ts';
import type { Alternative, FieldCondition, Matcher, Pattern, PatternError, Wildcard } from './pattern.types.ts';
import { describe, invalid, isPlainObject, PATTERN_LIMITS, type PatternOptions } from './pattern-limits.ts';
import { wildcardComplexity } from './wildcard.ts';

// Walks a pattern the way event-ruler's JsonRuleCompiler does: objects nest, arrays are leaves, and `$or`
// forks every alternative built so far into one copy per branch. Keys are processed in object order and a later
// key with the same flattened path replaces the earlier one (event-ruler's default "rule overriding").

type Conjunction = Map<string, FieldCondition>;

// Field names event-ruler refuses inside a `$or` branch (Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP).
const RESERVED_IN_OR = new Set([
  'exactly',
  'equals-ignore-case',
  'prefix',
  'suffix',
  'anything-but',
  'exists',
  'wildcard',
  'numeric',
  'cidr',
  'html',
  '=',
  '<',
  '<=',
  '>',
  '>=',
  'regex',
  'not-wildcard',
  'not-equals-ignore-case',
  'date-after',
  'date-on-or-after',
  'date-before',
  'date-on-or-before',
  'in-date-range',
  'ip-address-in-range',
  'ip-address-not-in-range',
]);

// The root has no path, so a top-level key "" with children yields ".child", as event-ruler names it.
const join = (path: string | undefined, key: string) => (path === undefined ? key : `${path}.${key}`);
const location = (at: string, key: string) => (at === '' ? key : `${at}.${key}`);

const valueMatcher = (v: unknown, at: string): Result<Parsed, PatternError> => {
  if (typeof v === 'string') {
    const address = parseIp(v);
    return ok(address === undefined ? { kind: 'exact-string', value: v } : { kind: 'exact-ip', address, text: v });
  }
  if (typeof v === 'number') {
    return Number.isFinite(v) ? ok({ kind: 'exact-number', value: v }) : err(invalid(`${v} is not a JSON number`, at));
  }
  if (typeof v === 'boolean' || v === null) return ok({ kind: 'exact-literal', value: v });
  if (isPlainObject(v)) return parseMatchExpression(v, at);
  return err(
    invalid(`a value must be a string, number, true, false, null or {operator: operand}, got ${describe(v)}`, at),
  );
};

const leaf = (path: string, values: readonly unknown[], at: string): Result<FieldCondition, PatternError> => {
  if (values.length === 0) return err(invalid('empty arrays are not allowed: list at least one value', at));
  const matchers: Matcher[] = [];
  let absent = false;
  for (const [i, v] of values.entries()) {
    const parsed = valueMatcher(v, `${at}[${i}]`);
    if (parsed.isErr()) return err(parsed.error);
    if (parsed.value.kind === 'absent') absent = true;
    else matchers.push(parsed.value);
  }
  return ok({ path, matchers, absent });
};

type Walk = { readonly alternatives: Conjunction[] };

const walkObject = (
  node: Record<string, unknown>,
  path: string | undefined,
  at: string,
  inOr: boolean,
  state: Walk,
): Result<Walk, PatternError> => {
  const keys = Object.keys(node);
  if (keys.length === 0) return err(invalid('empty objects are not allowed', at || undefined));
  let current = state;
  for (const key of keys) {
    const value = node[key];
    const here = location(at, key);
    const next =
      key === '$or'
        ? walkOr(value, path, here, current)
        : inOr && RESERVED_IN_OR.has(key)
          ? err(invalid(`"${key}" is a reserved word and cannot be a field name inside "$or"`, here))
          : walkField(key, value, path, here, inOr, current);
    if (next.isErr()) return next;
    current = next.value;
  }
  return ok(current);
};

const walkField = (key: string, value: unknown, path: string | undefined, at: string, inOr: boolean, state: Walk) => {
  const fieldPath = join(path, key);
  if (isPlainObject(value)) return walkObject(value, fieldPath, at, inOr, state);
  if (!Array.isArray(value))
    return err(invalid(`"${key}" must be an object or an array of values, got ${describe(value)}`, at));
  return leaf(fieldPath, value, at).map((condition) => {
    for (const alternative of state.alternatives) alternative.set(fieldPath, condition);
    return state;
  });
};

const walkOr = (value: unknown, path: string | undefined, at: string, state: Walk): Result<Walk, PatternError> => {
  if (!Array.isArray(value) || value.length < 2)
    return err(
      invalid(
        `"$or" takes an array of at least two objects, got ${describe(value)}${Array.isArray(value) ? ` with ${value.length} element(s)` : ''}`,
        at,
      ),
    );
  const forked: Conjunction[] = [];
  for (const [i, branch] of value.entries()) {
    if (!isPlainObject(branch))
      return err(invalid(`each "$or" alternative must be an object, got ${describe(branch)}`, `${at}[${i}]`));
    const copies = { alternatives: state.alternatives.map((a) => new Map(a)) };
    const walked = walkObject(branch, path, `${at}[${i}]`, true, copies);
    if (walked.isErr()) return walked;
    forked.push(...walked.value.alternatives);
    if (forked.length > PATTERN_LIMITS.maxCombinations)
      return err(invalid(`the pattern expands to more than ${PATTERN_LIMITS.maxCombinations} "$or" combinations`, at));
  }
  return ok({ alternatives: forked });
};

const tooComplex = (alternatives: readonly Alternative[]): PatternError | undefined => {
  const byPath = new Map<string, Wildcard[]>();
  for (const alternative of alternatives)
    for (const c of alternative)
      for (const m of c.matchers) {
        const ws = m.kind === 'wildcard' ? [m.wildcard] : m.kind === 'anything-but-wildcard' ? m.wildcards : [];
        if (ws.length > 0) byPath.set(c.path, [...(byPath.get(c.path) ?? []), ...ws]);
      }
  const limit = PATTERN_LIMITS.maxWildcardComplexity;
  for (const [path, wildcards] of byPath) {
    const unique = [...new Map(wildcards.map((w) => [w.source, w])).values()];
    if (wildcardComplexity(unique, limit + 1) > limit)
      return invalid(
        `rule is too complex: use fewer wildcard characters or fewer repeating character sequences after a wildcard (complexity above ${limit})`,
        path,
      );
  }
  return undefined;
};

const size = (pattern: unknown): number | undefined => {
  try {
    return JSON.stringify(pattern)?.length;
  } catch {
    return undefined;
  }
};

/** Parses and validates a pattern given as JSON text or as a parsed object. */
export const parsePattern = (input: unknown, options: PatternOptions = {}): Result<Pattern, PatternError> => {
  const maxLength = options.maxPatternLength ?? PATTERN_LIMITS.maxPatternLength;
  let source = input;
  if (typeof input === 'string') {
    if (input.length > maxLength)
      return err(invalid(`the pattern is ${input.length} characters long, the limit is ${maxLength}`));
    try {
      source = JSON.parse(input);
    } catch (e) {
      return err(invalid(`not valid JSON (${(e as Error).message})`));
    }
  } else {
    const length = size(input);
    if (length === undefined) return err(invalid('the pattern is not JSON-serialisable'));
    if (length > maxLength)
      return err(invalid(`the pattern is ${length} characters long as JSON, the limit is ${maxLength}`));
  }
  if (!isPlainObject(source)) return err(invalid(`the pattern must be a JSON object, got ${describe(source)}`));
  return walkObject(source, undefined, '', false, { alternatives: [new Map()] }).andThen((walked) => {
    const alternatives = walked.alternatives.map((a) => [...a.values()].sort((x, y) => (x.path < y.path ? -1 : 1)));
    const wide = alternatives.find((a) => a.length > PATTERN_LIMITS.maxFieldsPerCombination);
    if (wide !== undefined)
      return err(
        invalid(`a combination uses ${wide.length} fields, the limit is ${PATTERN_LIMITS.maxFieldsPerCombination}`),
      );
    const complexity = tooComplex(alternatives);
    return complexity === undefined ? ok({ alternatives, source }) : err(complexity);
  });
};
