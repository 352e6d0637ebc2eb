import { ALL_OPERATORS, operandType } from '../choice/operators.ts';
import { isTimestamp } from '../choice/timestamp.ts';
import { isObject } from '../json.ts';
import { checkAssign, checkJsonataValue, isJsonataString, pathProblem } from './checks.ts';
import { type StateVCtx, stateError } from './context.ts';

const OPERATORS = new Set(ALL_OPERATORS);

const operandProblem = (op: string, value: unknown): string | undefined => {
  switch (operandType(op)) {
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'number':
      return typeof value === 'number' ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be a boolean';
    case 'timestamp':
      return isTimestamp(value) ? undefined : 'must be an ISO-8601 timestamp such as 2016-03-14T01:59:00Z';
    case 'path':
      return pathProblem(value);
  }
};

/** A JSONPath rule: And/Or/Not, or Variable plus exactly one comparison operator. */
const checkRule = (ctx: StateVCtx, rule: unknown, top: boolean): void => {
  if (!isObject(rule)) {
    stateError(ctx, 'Choices', 'Each choice rule must be a JSON object');
    return;
  }
  const extra = top ? ['Next', 'Assign', 'Comment'] : ['Comment'];
  const combinators = ['And', 'Or', 'Not'].filter((k) => rule[k] !== undefined);
  const operators = Object.keys(rule).filter((k) => OPERATORS.has(k));
  for (const key of Object.keys(rule)) {
    if (extra.includes(key) || key === 'Variable' || OPERATORS.has(key) || ['And', 'Or', 'Not'].includes(key)) continue;
    stateError(
      ctx,
      'Choices',
      key === 'Next'
        ? "A nested choice rule must not have 'Next'"
        : `Unknown comparison operator or field '${key}' in a choice rule`,
    );
  }
  if (top && typeof rule.Next !== 'string')
    stateError(ctx, 'Choices', 'Each top-level choice rule needs a Next state name');
  else if (top && !ctx.stateNames.has(rule.Next as string))
    stateError(ctx, 'Choices', `The Next state '${String(rule.Next)}' does not exist`);
  if (top) checkAssign(ctx, 'Choices', rule.Assign);
  if (combinators.length + (operators.length > 0 || rule.Variable !== undefined ? 1 : 0) !== 1) {
    stateError(
      ctx,
      'Choices',
      'A choice rule needs exactly one of And, Or, Not or a Variable with a comparison operator',
    );
    return;
  }
  const [combinator] = combinators;
  if (combinator === 'Not') {
    checkRule(ctx, rule.Not, false);
    return;
  }
  if (combinator !== undefined) {
    const list = rule[combinator];
    if (!Array.isArray(list) || list.length === 0) {
      stateError(ctx, 'Choices', `${combinator} must be a non-empty array of rules`);
      return;
    }
    for (const r of list) checkRule(ctx, r, false);
    return;
  }
  const variableProblem = pathProblem(rule.Variable);
  if (variableProblem !== undefined) stateError(ctx, 'Choices', `Invalid Variable: ${variableProblem}`);
  if (operators.length !== 1) {
    stateError(ctx, 'Choices', 'A choice rule needs exactly one comparison operator');
    return;
  }
  const op = operators[0] as string;
  const problem = operandProblem(op, rule[op]);
  if (problem !== undefined) stateError(ctx, 'Choices', `The value of ${op} ${problem}`);
};

/** A JSONata rule: a Condition (a `{% %}` expression or a boolean) and a Next, optionally Output/Assign. */
const checkJsonataRule = (ctx: StateVCtx, rule: unknown): void => {
  if (!isObject(rule)) {
    stateError(ctx, 'Choices', 'Each choice rule must be a JSON object');
    return;
  }
  for (const key of Object.keys(rule)) {
    if (['Condition', 'Next', 'Comment', 'Output', 'Assign'].includes(key)) continue;
    stateError(
      ctx,
      'Choices',
      key === 'Variable' || OPERATORS.has(key) || ['And', 'Or', 'Not'].includes(key)
        ? `The field '${key}' is not supported with the JSONata query language; use Condition`
        : `Unknown field '${key}' in a choice rule`,
    );
  }
  if (typeof rule.Condition !== 'boolean' && !isJsonataString(rule.Condition))
    stateError(ctx, 'Choices', 'Condition must be a {% %} JSONata expression or a boolean');
  else checkJsonataValue(ctx, 'Choices', rule.Condition);
  if (typeof rule.Next !== 'string') stateError(ctx, 'Choices', 'Each choice rule needs a Next state name');
  else if (!ctx.stateNames.has(rule.Next)) stateError(ctx, 'Choices', `The Next state '${rule.Next}' does not exist`);
  checkJsonataValue(ctx, 'Choices', rule.Output);
  checkAssign(ctx, 'Choices', rule.Assign);
};

export const checkChoices = (ctx: StateVCtx, state: Record<string, unknown>): void => {
  const { Choices, Default } = state;
  if (!Array.isArray(Choices) || Choices.length === 0)
    stateError(ctx, 'Choices', 'Choices must be a non-empty array of rules');
  else for (const rule of Choices) ctx.ql === 'JSONata' ? checkJsonataRule(ctx, rule) : checkRule(ctx, rule, true);
  if (Default !== undefined && (typeof Default !== 'string' || !ctx.stateNames.has(Default))) {
    stateError(ctx, 'Default', `The Default state '${String(Default)}' does not exist`);
  }
};
