import { err, ok, type Result } from 'neverthrow';
import { foldCase } from './case-fold.ts';
import { parseCidr } from './ip-address.ts';
import { comparableProblem } from './numbers.ts';
import { parseNumeric } from './parse-numeric.ts';
import type { Matcher, PatternError } from './pattern.types.ts';
import { describe, invalid, isPlainObject } from './pattern-limits.ts';
import { parseWildcard } from './wildcard.ts';

// One `{ operator: operand }` object from a value list. Operators are case-sensitive; every operand type is
// checked the way event-ruler's JsonRuleCompiler checks it.

/** `{"exists": false}` is not a value matcher: it lets the field be absent. */
export type Parsed = Matcher | { kind: 'absent' };

const OPERATORS = [
  'prefix',
  'suffix',
  'equals-ignore-case',
  'wildcard',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
  'exactly',
];

const unknownOperator = (op: string, at: string) => {
  const near = OPERATORS.find((o) => o.replace(/-/g, '') === op.toLowerCase().replace(/[-_ ]/g, ''));
  const hint =
    near === undefined
      ? `known operators: ${OPERATORS.join(', ')}`
      : `did you mean "${near}"? operators are case-sensitive`;
  return err(invalid(`unknown operator "${op}" (${hint})`, at));
};

const stringOperand = (v: unknown, op: string, at: string): Result<string, PatternError> =>
  typeof v === 'string' ? ok(v) : err(invalid(`"${op}" takes a string, got ${describe(v)}`, at));

/** `{"prefix": {"equals-ignore-case": "x"}}` and the same for suffix. */
const affix = (op: 'prefix' | 'suffix', v: unknown, at: string): Result<Matcher, PatternError> => {
  if (typeof v === 'string') return ok({ kind: op, value: v, ignoreCase: false });
  if (!isPlainObject(v))
    return err(invalid(`"${op}" takes a string or {"equals-ignore-case": string}, got ${describe(v)}`, at));
  const keys = Object.keys(v);
  if (keys.length !== 1 || keys[0] !== 'equals-ignore-case')
    return err(
      invalid(
        `inside "${op}" only "equals-ignore-case" is supported, got ${keys.map((k) => `"${k}"`).join(', ') || 'an empty object'}`,
        at,
      ),
    );
  return stringOperand(v['equals-ignore-case'], 'equals-ignore-case', `${at}.equals-ignore-case`).map(
    (s): Matcher => ({ kind: op, value: foldCase(s), ignoreCase: true }),
  );
};

const stringList = (v: unknown, op: string, at: string): Result<string[], PatternError> => {
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0) return err(invalid(`"anything-but" / "${op}" list must not be empty`, at));
  const bad = list.findIndex((s) => typeof s !== 'string');
  if (bad !== -1) return err(invalid(`"anything-but" / "${op}" takes strings only, got ${describe(list[bad])}`, at));
  return ok(list as string[]);
};

const anythingButOf = (op: string, v: unknown, at: string): Result<Matcher, PatternError> =>
  stringList(v, op, at).andThen((values): Result<Matcher, PatternError> => {
    switch (op) {
      case 'equals-ignore-case':
        return ok({ kind: 'anything-but-ignore-case', folded: new Set(values.map(foldCase)) });
      case 'prefix':
      case 'suffix':
        if (values.includes('')) return err(invalid(`"anything-but" / "${op}" must not be empty`, at));
        return ok({ kind: op === 'prefix' ? 'anything-but-prefix' : 'anything-but-suffix', values });
      default: {
        const wildcards = values.map(parseWildcard);
        const bad = wildcards.find((w) => typeof w === 'string');
        if (typeof bad === 'string') return err(invalid(bad, at));
        return ok({ kind: 'anything-but-wildcard', wildcards: wildcards.filter((w) => typeof w !== 'string') });
      }
    }
  });

const anythingBut = (v: unknown, at: string): Result<Matcher, PatternError> => {
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    const [op] = keys;
    if (keys.length !== 1 || op === undefined || !['equals-ignore-case', 'prefix', 'suffix', 'wildcard'].includes(op))
      return err(
        invalid(
          `inside "anything-but" only one of "equals-ignore-case", "prefix", "suffix", "wildcard" is supported, got ${keys.map((k) => `"${k}"`).join(', ') || 'an empty object'}`,
          at,
        ),
      );
    return anythingButOf(op, v[op], `${at}.${op}`);
  }
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0) return err(invalid('"anything-but" list must not be empty', at));
  if (list.every((x) => typeof x === 'string'))
    return ok({ kind: 'anything-but', strings: new Set(list), numbers: undefined });
  if (!list.every((x) => typeof x === 'number'))
    return err(
      invalid(
        '"anything-but" takes a string, a number, or a list of only strings or only numbers (no null, booleans or objects)',
        at,
      ),
    );
  const problem = list.map(comparableProblem).find((p) => p !== undefined);
  if (problem !== undefined) return err(invalid(`"anything-but" number ${problem}`, at));
  return ok({ kind: 'anything-but', strings: undefined, numbers: new Set(list) });
};

export const parseMatchExpression = (expr: Record<string, unknown>, at: string): Result<Parsed, PatternError> => {
  const keys = Object.keys(expr);
  const [op] = keys;
  if (op === undefined) return err(invalid('empty match expression: expected {operator: operand}', at));
  if (keys.length > 1)
    return err(
      invalid(`a match expression takes exactly one operator, got ${keys.map((k) => `"${k}"`).join(', ')}`, at),
    );
  const v = expr[op];
  const inner = `${at}.${op}`;
  switch (op) {
    case 'prefix':
    case 'suffix':
      return affix(op, v, inner);
    case 'equals-ignore-case':
      return stringOperand(v, op, inner).map(
        (s): Matcher => ({ kind: 'equals-ignore-case', value: s, folded: foldCase(s) }),
      );
    case 'exactly':
      return stringOperand(v, op, inner).map((s): Matcher => ({ kind: 'exact-string', value: s }));
    case 'wildcard':
      return stringOperand(v, op, inner).andThen((s) => {
        const w = parseWildcard(s);
        return typeof w === 'string'
          ? err(invalid(w, inner))
          : ok<Matcher, PatternError>({ kind: 'wildcard', wildcard: w });
      });
    case 'numeric':
      return parseNumeric(v, inner);
    case 'anything-but':
      return anythingBut(v, inner);
    case 'exists':
      if (typeof v !== 'boolean') return err(invalid(`"exists" takes true or false, got ${describe(v)}`, inner));
      return ok(v ? { kind: 'exists' } : { kind: 'absent' });
    case 'cidr':
      return stringOperand(v, op, inner).andThen((s) => {
        const block = parseCidr(s);
        return typeof block === 'string'
          ? err(invalid(block, inner))
          : ok<Matcher, PatternError>({ kind: 'cidr', ...block, text: s });
      });
    default:
      return unknownOperator(op, at);
  }
};
