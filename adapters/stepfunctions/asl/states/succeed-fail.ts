import { type Failure, failure } from '../errors.ts';
import { resolveDynamicValue } from '../payload-template.ts';
import {
  evalJsonata,
  failed,
  jsonataOutputAndAssign,
  moveOn,
  runtimeFailure,
  type StateCtx,
  type StepResult,
  selectPath,
  templateEnv,
} from '../runtime/state-io.ts';
import type { Json } from '../types.ts';

const runSucceedJsonata = async (ctx: StateCtx): Promise<StepResult> => {
  const r = await jsonataOutputAndAssign(ctx, { input: ctx.rawInput }, ctx.rawInput, ctx.def.Output, undefined);
  return r.isErr() ? failed(r.error) : moveOn(undefined, r.value.output);
};

export const runSucceed = (ctx: StateCtx): StepResult | Promise<StepResult> => {
  const { def, rawInput } = ctx;
  if (ctx.ql === 'JSONata') return runSucceedJsonata(ctx);
  const output = selectPath(ctx, def.InputPath, rawInput).andThen((v) => selectPath(ctx, def.OutputPath, v));
  return output.isErr() ? failed(output.error) : moveOn(undefined, output.value);
};

/** ErrorPath / CausePath must yield a string (a path or an intrinsic such as States.Format). */
const dynamicString = (
  ctx: StateCtx,
  field: string,
  expr: string,
): { ok: true; value: string } | { ok: false; failure: Failure } => {
  const r = resolveDynamicValue(field, expr, templateEnv(ctx, ctx.rawInput));
  if (r.isErr())
    return {
      ok: false,
      failure: r.error.error === 'States.Runtime' ? runtimeFailure(ctx, r.error.cause ?? '') : r.error,
    };
  if (typeof r.value !== 'string')
    return {
      ok: false,
      failure: runtimeFailure(ctx, `The value of '${field}' must be a string, got ${JSON.stringify(r.value)}`),
    };
  return { ok: true, value: r.value };
};

const jsonataString = async (
  ctx: StateCtx,
  field: string,
  value: string | undefined,
): Promise<{ ok: true; value: string | undefined } | { ok: false; failure: Failure }> => {
  if (value === undefined) return { ok: true, value: undefined };
  const r = await evalJsonata(ctx, value, field, { input: ctx.rawInput });
  if (r.isErr()) return { ok: false, failure: r.error };
  const v: Json = r.value;
  return typeof v === 'string'
    ? { ok: true, value: v }
    : { ok: false, failure: runtimeFailure(ctx, `The value of '${field}' must be a string`) };
};

const runFailJsonata = async (ctx: StateCtx): Promise<StepResult> => {
  const e = await jsonataString(ctx, 'Error', ctx.def.Error);
  if (!e.ok) return failed(e.failure);
  const c = await jsonataString(ctx, 'Cause', ctx.def.Cause);
  if (!c.ok) return failed(c.failure);
  return failed(failure(e.value ?? '', c.value));
};

export const runFail = (ctx: StateCtx): StepResult | Promise<StepResult> => {
  const { def } = ctx;
  if (ctx.ql === 'JSONata') return runFailJsonata(ctx);
  let error = def.Error;
  let cause = def.Cause;
  if (def.ErrorPath !== undefined) {
    const e = dynamicString(ctx, 'ErrorPath', def.ErrorPath);
    if (!e.ok) return failed(e.failure);
    error = e.value;
  }
  if (def.CausePath !== undefined) {
    const c = dynamicString(ctx, 'CausePath', def.CausePath);
    if (!c.ok) return failed(c.failure);
    cause = c.value;
  }
  // A Fail state without Error reports an empty error name, as the service does.
  return failed(failure(error ?? '', cause));
};
