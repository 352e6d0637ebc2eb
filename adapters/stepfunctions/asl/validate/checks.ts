import { checkIntrinsic } from '../intrinsics/evaluate.ts';
import { isIntrinsic, parseIntrinsic } from '../intrinsics/parser.ts';
import { isInteger, isObject } from '../json.ts';
import { compileJsonata, jsonataBody } from '../jsonata/evaluate.ts';
import { parsePath } from '../jsonpath/parser.ts';
import { type StateVCtx, stateError } from './context.ts';

export const MAX_SECONDS = 99_999_999;

/** A Path field (InputPath, Variable...): any JSONPath; `reference` narrows to reference paths, `inputOnly` to `$`-rooted. */
export const pathProblem = (
  value: unknown,
  opts: { reference?: boolean; inputOnly?: boolean } = {},
): string | undefined => {
  if (typeof value !== 'string') return 'must be a string path';
  const parsed = parsePath(value);
  if (parsed.isErr()) return parsed.error;
  if (opts.reference && !parsed.value.reference)
    return `'${value}' is not a reference path (only single names and indexes are allowed)`;
  if (opts.inputOnly && parsed.value.root.kind !== 'input') return `'${value}' must start with '$.' or be '$'`;
  return undefined;
};

/** A `.$` value or ErrorPath/CausePath: a path, or an intrinsic function with valid arguments. */
export const dynamicValueProblem = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return 'must be a string holding a path or an intrinsic function';
  if (isIntrinsic(value)) {
    const call = parseIntrinsic(value);
    if (call.isErr()) return call.error;
    const problems = checkIntrinsic(call.value);
    return problems.length === 0 ? undefined : problems.join('; ');
  }
  return pathProblem(value);
};

export const checkPathField = (
  ctx: StateVCtx,
  field: string,
  value: unknown,
  opts: { reference?: boolean; inputOnly?: boolean; nullable?: boolean } = {},
): void => {
  if (value === undefined || (opts.nullable && value === null)) return;
  const problem = pathProblem(value, opts);
  if (problem !== undefined) stateError(ctx, field, `Invalid ${field}: ${problem}`);
};

/** JSONPath payload templates: every `foo.$` key must hold a path or an intrinsic function. */
export const checkPayloadTemplate = (ctx: StateVCtx, field: string, value: unknown): void => {
  if (Array.isArray(value)) {
    for (const item of value) checkPayloadTemplate(ctx, field, item);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, v] of Object.entries(value)) {
    if (key.endsWith('.$')) {
      const problem = dynamicValueProblem(v);
      if (problem !== undefined) stateError(ctx, field, `Invalid value for '${key}' in ${field}: ${problem}`);
      if (Object.hasOwn(value, key.slice(0, -2)))
        stateError(ctx, field, `The keys '${key}' and '${key.slice(0, -2)}' in ${field} would produce the same field`);
    } else checkPayloadTemplate(ctx, field, v);
  }
};

/** JSONata mode: every `{% %}` string anywhere in the value must parse. */
export const checkJsonataValue = (ctx: StateVCtx, field: string, value: unknown): void => {
  if (typeof value === 'string') {
    const body = jsonataBody(value);
    if (body === undefined) return;
    const compiled = compileJsonata(body);
    if (compiled.isErr()) stateError(ctx, field, compiled.error);
    return;
  }
  if (Array.isArray(value)) for (const item of value) checkJsonataValue(ctx, field, item);
  else if (isObject(value)) for (const v of Object.values(value)) checkJsonataValue(ctx, field, v);
};

export const isJsonataString = (value: unknown): value is string =>
  typeof value === 'string' && jsonataBody(value) !== undefined;

/** Seconds-like fields: a number in range, or (JSONata states) a `{% %}` expression. */
export const checkSeconds = (ctx: StateVCtx, field: string, value: unknown, min: 0 | 1): void => {
  if (value === undefined) return;
  if (ctx.ql === 'JSONata' && isJsonataString(value)) {
    checkJsonataValue(ctx, field, value);
    return;
  }
  if (!isInteger(value) || value < min || value > MAX_SECONDS) {
    stateError(
      ctx,
      field,
      `${field} must be ${min === 0 ? 'a non-negative' : 'a positive'} integer no greater than ${MAX_SECONDS}`,
    );
  }
};

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const checkAssign = (ctx: StateVCtx, field: string, value: unknown): void => {
  if (value === undefined) return;
  if (!isObject(value)) {
    stateError(ctx, field, `${field} must be a JSON object`);
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    const dynamic = ctx.ql === 'JSONPath' && key.endsWith('.$');
    const name = dynamic ? key.slice(0, -2) : key;
    if (!VARIABLE_NAME.test(name) || name === 'states') stateError(ctx, field, `Invalid variable name '${name}'`);
    if (ctx.ql === 'JSONata') checkJsonataValue(ctx, field, v);
    else if (dynamic) {
      const problem = dynamicValueProblem(v);
      if (problem !== undefined) stateError(ctx, field, `Invalid value for '${key}': ${problem}`);
    } else checkPayloadTemplate(ctx, field, v);
  }
};

export const checkString = (ctx: StateVCtx, field: string, value: unknown): void => {
  if (value !== undefined && typeof value !== 'string') stateError(ctx, field, `${field} must be a string`);
};

export const checkObject = (ctx: StateVCtx, field: string, value: unknown): void => {
  if (value !== undefined && !isObject(value)) stateError(ctx, field, `${field} must be a JSON object`);
};
