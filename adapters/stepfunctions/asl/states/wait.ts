import { err, ok, type Result } from 'neverthrow';
import { parseTimestamp } from '../choice/timestamp.ts';
import type { Failure } from '../errors.ts';
import { isInteger } from '../json.ts';
import { evaluatePath } from '../jsonpath/evaluate.ts';
import { parsePath } from '../jsonpath/parser.ts';
import { sleepIn } from '../runtime/sleep.ts';
import {
  assignJsonPath,
  evalJsonata,
  failed,
  jsonataOutputAndAssign,
  pathRoots,
  runtimeFailure,
  type StateCtx,
  type StepResult,
  selectPath,
  transition,
} from '../runtime/state-io.ts';
import type { Json } from '../types.ts';

/** Resolves a reference path field (SecondsPath, TimestampPath, TimeoutSecondsPath...) against the effective input. */
export const resolveReference = (ctx: StateCtx, field: string, path: string, input: Json): Result<Json, Failure> =>
  parsePath(path)
    .andThen((p) => evaluatePath(p, pathRoots(ctx, input)))
    .mapErr((e) => runtimeFailure(ctx, `The field '${field}' could not be resolved: ${e}`));

const fromSeconds = (ctx: StateCtx, field: string, v: Json): Result<number, Failure> =>
  isInteger(v) && v >= 0
    ? ok(v * 1000)
    : err(runtimeFailure(ctx, `The value of '${field}' must be a non-negative integer, got ${JSON.stringify(v)}`));

const fromTimestamp = (ctx: StateCtx, field: string, v: Json): Result<number, Failure> => {
  const at = typeof v === 'string' ? parseTimestamp(v) : undefined;
  return at === undefined
    ? err(runtimeFailure(ctx, `The value of '${field}' must be an ISO-8601 timestamp, got ${JSON.stringify(v)}`))
    : ok(Math.max(0, at - ctx.exec.scheduler.now()));
};

const delayJsonPath = (ctx: StateCtx, input: Json): Result<number, Failure> => {
  const { def } = ctx;
  if (def.SecondsPath !== undefined)
    return resolveReference(ctx, 'SecondsPath', def.SecondsPath, input).andThen((v) =>
      fromSeconds(ctx, 'SecondsPath', v),
    );
  if (def.TimestampPath !== undefined)
    return resolveReference(ctx, 'TimestampPath', def.TimestampPath, input).andThen((v) =>
      fromTimestamp(ctx, 'TimestampPath', v),
    );
  if (def.Timestamp !== undefined) return fromTimestamp(ctx, 'Timestamp', def.Timestamp);
  return fromSeconds(ctx, 'Seconds', def.Seconds ?? 0);
};

const delayJsonata = async (ctx: StateCtx): Promise<Result<number, Failure>> => {
  const { def } = ctx;
  const field = def.Timestamp !== undefined ? 'Timestamp' : 'Seconds';
  const raw = def.Timestamp ?? def.Seconds ?? 0;
  const v = await evalJsonata(ctx, raw, field, { input: ctx.rawInput });
  if (v.isErr()) return err(v.error);
  return field === 'Timestamp' ? fromTimestamp(ctx, field, v.value) : fromSeconds(ctx, field, v.value);
};

export const runWait = async (ctx: StateCtx): Promise<StepResult> => {
  const { def, rawInput } = ctx;
  if (ctx.ql === 'JSONata') {
    const delay = await delayJsonata(ctx);
    if (delay.isErr()) return failed(delay.error);
    if (!(await sleepIn(ctx, delay.value))) return { kind: 'cancelled' };
    const r = await jsonataOutputAndAssign(ctx, { input: rawInput }, rawInput);
    return r.isErr() ? failed(r.error) : transition(ctx, r.value.output, r.value.assign);
  }
  const effective = selectPath(ctx, def.InputPath, rawInput);
  if (effective.isErr()) return failed(effective.error);
  const delay = delayJsonPath(ctx, effective.value);
  if (delay.isErr()) return failed(delay.error);
  if (!(await sleepIn(ctx, delay.value))) return { kind: 'cancelled' };
  const assign = assignJsonPath(ctx, effective.value);
  if (assign.isErr()) return failed(assign.error);
  const output = selectPath(ctx, def.OutputPath, effective.value);
  return output.isErr() ? failed(output.error) : transition(ctx, output.value, assign.value);
};
