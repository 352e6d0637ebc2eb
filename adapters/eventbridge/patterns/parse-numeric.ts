import { err, ok, type Result } from 'neverthrow';
import { comparableProblem, NUMERIC_LIMIT } from './numbers.ts';
import type { NumericRange, PatternError } from './pattern.types.ts';
import { describe, invalid } from './pattern-limits.ts';

// Grammar (event-ruler JsonRuleCompiler): ["=", n] | ["<" | "<=", n] | [">" | ">=", n] |
// [">" | ">=", n, "<" | "<=", m]. One-sided ranges are closed at ±5e9, so [">", 5e9] is empty and refused
// ("Bottom must be less than top"), like any range whose lower bound is not below its upper bound.

const OPERATORS = ['=', '<', '<=', '>', '>='];

const operand = (v: unknown, operator: string, at: string): Result<number, PatternError> => {
  if (typeof v !== 'number')
    return err(invalid(`the value after "${operator}" must be a number, got ${describe(v)}`, at));
  const problem = comparableProblem(v);
  return problem === undefined ? ok(v) : err(invalid(`numeric operand ${problem}`, at));
};

const range = (lower: number, lowerOpen: boolean, upper: number, upperOpen: boolean, at: string) =>
  lower >= upper
    ? err(invalid(`empty numeric range: the lower bound ${lower} must be below the upper bound ${upper}`, at))
    : ok<NumericRange, PatternError>({ kind: 'numeric', lower, lowerOpen, upper, upperOpen });

export const parseNumeric = (expr: unknown, at: string): Result<NumericRange, PatternError> => {
  if (!Array.isArray(expr))
    return err(invalid(`"numeric" takes an array such as [">", 0, "<=", 5], got ${describe(expr)}`, at));
  const [op, value, op2, value2, ...rest] = expr as unknown[];
  if (typeof op !== 'string' || !OPERATORS.includes(op))
    return err(
      invalid(
        `unknown numeric operator ${typeof op === 'string' ? JSON.stringify(op) : describe(op)}: use one of ${OPERATORS.join(' ')}`,
        `${at}[0]`,
      ),
    );
  return operand(value, op, `${at}[1]`).andThen((n) => {
    if (op === '=' || op === '<' || op === '<=') {
      if (expr.length > 2) return err(invalid(`nothing may follow "${op}" ${n} in a numeric expression`, `${at}[2]`));
      if (op === '=')
        return ok<NumericRange, PatternError>({
          kind: 'numeric',
          lower: n,
          lowerOpen: false,
          upper: n,
          upperOpen: false,
        });
      return range(-NUMERIC_LIMIT, false, n, op === '<', at);
    }
    if (expr.length === 2) return range(n, op === '>', NUMERIC_LIMIT, false, at);
    if (op2 !== '<' && op2 !== '<=')
      return err(invalid(`the upper bound of a numeric range takes "<" or "<=", got ${describe(op2)}`, `${at}[2]`));
    if (rest.length > 0) return err(invalid('too many terms in numeric range (at most 4)', `${at}[4]`));
    return operand(value2, op2, `${at}[3]`).andThen((m) => range(n, op === '>', m, op2 === '<', at));
  });
};
