import { type Failure, failure } from '../errors.ts';
import { resolveDynamicValue } from '../payload-template.ts';
import {
  evalJsonata,
  failed,
  jsonataOutputAndAssign,
  runtimeFailure,
  type StateCtx,
  type StepResult,
  selectPath,
  templateEnv,
} from '../runtime/state-io.ts';
import type { Json } from '../types.ts';

export const runSucceed = async (ctx: StateCtx): Promise<StepResult> => {
  const { def, rawInput } = ctx;
  if (ctx.ql === 'JSONata') {
    const r = await jsonataOutputAndAssign(ctx, { input: rawInput }, rawInput, def.Output, undefined);
    return r.isErr() ? failed(r.error) : { kind: 'end', output: r.value.output };
  }
  const output = selectPath(ctx, def.InputPath, rawInput).andThen((v) => selectPath(ctx, def.OutputPath, v));
  return output.isErr() ? failed(output.error) : { kind: 'end', output: output.value };
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

export const runFail = async (ctx: StateCtx): Promise<StepResult> => {
  const { def } = ctx;
  let error = def.Error;
  let cause = def.Cause;
  if (ctx.ql === 'JSONata') {
    const e = await jsonataString(ctx, 'Error', def.Error);
    if (!e.ok) return failed(e.failure);
    const c = await jsonataString(ctx, 'Cause', def.Cause);
    if (!c.ok) return failed(c.failure);
    error = e.value;
    cause = c.value;
  } else {
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
  }
  // A Fail state without Error reports an empty error name, as the service does.
  return failed(failure(error ?? '', cause));
};
