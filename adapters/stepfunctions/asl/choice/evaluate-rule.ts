import { err, ok, type Result } from 'neverthrow';
import { type Failure, failure, States } from '../errors.ts';
import { evaluatePath, type PathRoots } from '../jsonpath/evaluate.ts';
import { parsePath } from '../jsonpath/parser.ts';
import type { ChoiceRule, Json } from '../types.ts';
import { ALL_OPERATORS, COMPARISONS, TYPE_TESTS } from './operators.ts';

const lookup = (path: string, roots: PathRoots): Result<Json, string> =>
  parsePath(path).andThen((p) => evaluatePath(p, roots));

const invalidPath = (path: string): Failure =>
  failure(States.Runtime, `Invalid path '${path}': The choice state's condition path references an invalid value.`);

const operatorOf = (rule: ChoiceRule): string | undefined => ALL_OPERATORS.find((op) => Object.hasOwn(rule, op));

const dataTest = (rule: ChoiceRule, roots: PathRoots): Result<boolean, Failure> => {
  const op = operatorOf(rule);
  const variable = rule.Variable;
  if (op === undefined || variable === undefined)
    return err(failure(States.Runtime, 'Choice rule has no comparison operator'));
  const value = lookup(variable, roots);
  const operand = rule[op] as Json;
  if (op === 'IsPresent') return ok(value.isOk() === operand);
  if (value.isErr()) return err(invalidPath(variable));
  const typeTest = TYPE_TESTS[op];
  if (typeTest !== undefined) return ok(typeTest(value.value) === operand);
  if (op.endsWith('Path')) {
    const other = lookup(operand as string, roots);
    if (other.isErr()) return err(invalidPath(operand as string));
    return ok((COMPARISONS[op.slice(0, -4)] as (a: Json, b: Json) => boolean)(value.value, other.value));
  }
  return ok((COMPARISONS[op] as (a: Json, b: Json) => boolean)(value.value, operand));
};

/** Evaluates a JSONPath Choice rule (And/Or short-circuit, like the service). */
export const evaluateRule = (rule: ChoiceRule, roots: PathRoots): Result<boolean, Failure> => {
  if (rule.And !== undefined) {
    for (const r of rule.And) {
      const v = evaluateRule(r, roots);
      if (v.isErr() || !v.value) return v;
    }
    return ok(true);
  }
  if (rule.Or !== undefined) {
    for (const r of rule.Or) {
      const v = evaluateRule(r, roots);
      if (v.isErr() || v.value) return v;
    }
    return ok(false);
  }
  if (rule.Not !== undefined) return evaluateRule(rule.Not, roots).map((v) => !v);
  return dataTest(rule, roots);
};
