import { deepEqual } from '../json.ts';
import type { Json } from '../types.ts';
import type { CompareOp, FilterExpr, Operand } from './ast.ts';

/** Resolves an operand path against the item under test; `found: false` when the path has no value. */
export type OperandResolver = (operand: Operand & { kind: 'path' }, current: Json) => { found: boolean; value: Json };

type Value = { found: boolean; value: Json };

const within = (needle: Json, list: Json): boolean => Array.isArray(list) && list.some((x) => deepEqual(x, needle));

const ordered = (op: '<' | '<=' | '>' | '>=', a: Json, b: Json): boolean => {
  const comparable =
    (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  if (!comparable) return false;
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
};

const sizeOf = (v: Json): number | undefined => (Array.isArray(v) || typeof v === 'string' ? v.length : undefined);

const compare = (op: CompareOp, left: Value, right: Value, regex: RegExp | undefined): boolean => {
  // Jayway treats a missing operand as "undefined": equal to nothing, so only '!=' holds.
  if (!left.found || !right.found) return op === '!=';
  const a = left.value;
  const b = right.value;
  switch (op) {
    case '==':
      return deepEqual(a, b);
    case '!=':
      return !deepEqual(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordered(op, a, b);
    case '=~':
      return typeof a === 'string' && regex !== undefined && regex.test(a);
    case 'in':
      return within(a, b);
    case 'nin':
      return Array.isArray(b) && !within(a, b);
    case 'subsetof':
      return Array.isArray(a) && a.every((x) => within(x, b));
    case 'anyof':
      return Array.isArray(a) && a.some((x) => within(x, b));
    case 'noneof':
      return Array.isArray(a) && !a.some((x) => within(x, b));
    case 'size':
      return sizeOf(a) !== undefined && sizeOf(a) === b;
    case 'empty':
      return sizeOf(a) !== undefined && typeof b === 'boolean' && (sizeOf(a) === 0) === b;
  }
};

const operandValue = (operand: Operand, current: Json, resolve: OperandResolver): Value => {
  if (operand.kind === 'path') return resolve(operand, current);
  if (operand.kind === 'literal') return { found: true, value: operand.value };
  return { found: true, value: null };
};

export const evalFilter = (expr: FilterExpr, current: Json, resolve: OperandResolver): boolean => {
  switch (expr.kind) {
    case 'or':
      return evalFilter(expr.left, current, resolve) || evalFilter(expr.right, current, resolve);
    case 'and':
      return evalFilter(expr.left, current, resolve) && evalFilter(expr.right, current, resolve);
    case 'not':
      return !evalFilter(expr.expr, current, resolve);
    case 'exists':
      return operandValue(expr.operand, current, resolve).found;
    case 'compare':
      return compare(
        expr.op,
        operandValue(expr.left, current, resolve),
        operandValue(expr.right, current, resolve),
        expr.right.kind === 'regex' ? expr.right.regex : undefined,
      );
  }
};
