import type { Json } from '../types.ts';
import { stringMatches } from './string-matches.ts';
import { isTimestamp, parseTimestamp } from './timestamp.ts';

// Every data-test operator of a JSONPath Choice rule. A value of the wrong type never matches;
// it is not an error (only a Variable that points nowhere is).

type Compare = (a: Json, b: Json) => boolean;

const ordered =
  (isType: (v: Json) => boolean, key: (v: Json) => number | string, test: (c: number) => boolean): Compare =>
  (a, b) => {
    if (!isType(a) || !isType(b)) return false;
    const x = key(a);
    const y = key(b);
    return test(x < y ? -1 : x > y ? 1 : 0);
  };

const isString = (v: Json) => typeof v === 'string';
const isNumber = (v: Json) => typeof v === 'number';
const identity = (v: Json) => v as string | number;
const toTime = (v: Json) => parseTimestamp(v as string) as number;

const RELATIONS = {
  Equals: (c: number) => c === 0,
  LessThan: (c: number) => c < 0,
  GreaterThan: (c: number) => c > 0,
  LessThanEquals: (c: number) => c <= 0,
  GreaterThanEquals: (c: number) => c >= 0,
} as const;

const comparisons: Record<string, Compare> = {};
for (const [rel, test] of Object.entries(RELATIONS)) {
  comparisons[`String${rel}`] = ordered(isString, identity, test);
  comparisons[`Numeric${rel}`] = ordered(isNumber, identity, test);
  comparisons[`Timestamp${rel}`] = ordered(isTimestamp, toTime, test);
}
comparisons.BooleanEquals = (a, b) => typeof a === 'boolean' && a === b;
comparisons.StringMatches = (a, b) => typeof a === 'string' && typeof b === 'string' && stringMatches(a, b);

/** Operators comparing the Variable with a literal, keyed by name; each has a `<name>Path` twin except StringMatches. */
export const COMPARISONS: Readonly<Record<string, Compare>> = comparisons;

/** Type tests: `IsX: true` holds when the value is of that type, `IsX: false` when it is not. */
export const TYPE_TESTS: Readonly<Record<string, (v: Json) => boolean>> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => isTimestamp(v),
};

export const PATH_COMPARISONS: readonly string[] = Object.keys(COMPARISONS)
  .filter((op) => op !== 'StringMatches')
  .map((op) => `${op}Path`);

/** Every data-test operator name a rule may carry (IsPresent included). */
export const ALL_OPERATORS: readonly string[] = [
  ...Object.keys(COMPARISONS),
  ...PATH_COMPARISONS,
  ...Object.keys(TYPE_TESTS),
  'IsPresent',
];

/** The JSON type an operator's literal operand must have, checked when the definition is validated. */
export const operandType = (op: string): 'string' | 'number' | 'boolean' | 'timestamp' | 'path' => {
  if (op.endsWith('Path')) return 'path';
  if (op.startsWith('Is') || op === 'BooleanEquals') return 'boolean';
  if (op.startsWith('Numeric')) return 'number';
  if (op.startsWith('Timestamp')) return 'timestamp';
  return 'string';
};
