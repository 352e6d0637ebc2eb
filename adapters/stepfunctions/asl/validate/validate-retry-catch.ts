import { States } from '../errors.ts';
import { isInteger, isObject } from '../json.ts';
import { checkAssign, checkJsonataValue, checkPathField, MAX_SECONDS } from './checks.ts';
import { type StateVCtx, stateError } from './context.ts';
import { CATCHER_FIELDS, RETRIER_FIELDS } from './field-tables.ts';

/** ErrorEquals: a non-empty list of names; States.ALL must be alone and in the last retrier/catcher. */
const checkErrorEquals = (ctx: StateVCtx, field: string, value: unknown, isLast: boolean): void => {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
    stateError(ctx, field, `${field}: ErrorEquals must be a non-empty array of error names`);
    return;
  }
  if (value.includes(States.ALL)) {
    if (value.length > 1) stateError(ctx, field, `${field}: ${States.ALL} must appear alone in ErrorEquals`);
    if (!isLast)
      stateError(
        ctx,
        field,
        `${field}: the ${field === 'Retry' ? 'retrier' : 'catcher'} with ${States.ALL} must be the last one`,
      );
  }
};

const checkRetrier = (ctx: StateVCtx, r: Record<string, unknown>, isLast: boolean): void => {
  for (const key of Object.keys(r))
    if (!RETRIER_FIELDS.has(key)) stateError(ctx, 'Retry', `Retry: unknown field '${key}' in a retrier`);
  checkErrorEquals(ctx, 'Retry', r.ErrorEquals, isLast);
  const { IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds, JitterStrategy } = r;
  if (
    IntervalSeconds !== undefined &&
    (!isInteger(IntervalSeconds) || IntervalSeconds < 1 || IntervalSeconds > MAX_SECONDS)
  ) {
    stateError(ctx, 'Retry', 'Retry: IntervalSeconds must be a positive integer');
  }
  if (MaxAttempts !== undefined && (!isInteger(MaxAttempts) || MaxAttempts < 0 || MaxAttempts > MAX_SECONDS)) {
    stateError(ctx, 'Retry', 'Retry: MaxAttempts must be a non-negative integer');
  }
  if (BackoffRate !== undefined && (typeof BackoffRate !== 'number' || BackoffRate < 1)) {
    stateError(ctx, 'Retry', 'Retry: BackoffRate must be a number greater than or equal to 1.0');
  }
  if (
    MaxDelaySeconds !== undefined &&
    (!isInteger(MaxDelaySeconds) || MaxDelaySeconds < 1 || MaxDelaySeconds > 31_622_400)
  ) {
    stateError(ctx, 'Retry', 'Retry: MaxDelaySeconds must be a positive integer no greater than 31622400');
  }
  if (JitterStrategy !== undefined && JitterStrategy !== 'FULL' && JitterStrategy !== 'NONE') {
    stateError(ctx, 'Retry', "Retry: JitterStrategy must be 'FULL' or 'NONE'");
  }
};

export const checkRetry = (ctx: StateVCtx, value: unknown): void => {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    stateError(ctx, 'Retry', 'Retry must be an array of retriers');
    return;
  }
  value.forEach((r, i) => {
    if (!isObject(r)) stateError(ctx, 'Retry', 'Retry: each retrier must be a JSON object');
    else checkRetrier(ctx, r, i === value.length - 1);
  });
};

export const checkCatch = (ctx: StateVCtx, value: unknown): void => {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    stateError(ctx, 'Catch', 'Catch must be an array of catchers');
    return;
  }
  const allowed = CATCHER_FIELDS[ctx.ql];
  const other = CATCHER_FIELDS[ctx.ql === 'JSONata' ? 'JSONPath' : 'JSONata'];
  value.forEach((c, i) => {
    if (!isObject(c)) {
      stateError(ctx, 'Catch', 'Catch: each catcher must be a JSON object');
      return;
    }
    for (const key of Object.keys(c)) {
      if (allowed.has(key)) continue;
      stateError(
        ctx,
        'Catch',
        other.has(key)
          ? `Catch: the field '${key}' is not supported with the ${ctx.ql} query language`
          : `Catch: unknown field '${key}' in a catcher`,
      );
    }
    checkErrorEquals(ctx, 'Catch', c.ErrorEquals, i === value.length - 1);
    if (typeof c.Next !== 'string') stateError(ctx, 'Catch', 'Catch: each catcher needs a Next state name');
    else if (!ctx.stateNames.has(c.Next)) stateError(ctx, 'Catch', `Catch: the Next state '${c.Next}' does not exist`);
    if (ctx.ql === 'JSONPath')
      checkPathField(ctx, 'Catch', c.ResultPath, { reference: true, inputOnly: true, nullable: true });
    else checkJsonataValue(ctx, 'Catch', c.Output);
    checkAssign(ctx, 'Catch', c.Assign);
  });
};
