import { err, ok, type Result } from 'neverthrow';
import { type Failure, failure, States } from '../errors.ts';
import { isInteger } from '../json.ts';
import { evaluatePath } from '../jsonpath/evaluate.ts';
import { parsePath } from '../jsonpath/parser.ts';
import { evalJsonata, pathRoots, runtimeFailure, type StateCtx } from '../runtime/state-io.ts';
import type { Json, PreparedDef } from '../types.ts';
import { resolveReference } from './wait.ts';

// The numbers and the item list a Map state works from, in either query language.

export type MapConfig = {
  items: Json[];
  maxConcurrency: number;
  toleratedCount: number | undefined;
  toleratedPercentage: number | undefined;
};

type NumberField = 'MaxConcurrency' | 'ToleratedFailureCount' | 'ToleratedFailurePercentage';

const numberField = async (
  ctx: StateCtx,
  field: NumberField,
  effective: Json,
): Promise<Result<number | undefined, Failure>> => {
  const def: PreparedDef = ctx.def;
  const literal = def[field];
  const path = def[`${field}Path`];
  let value: Json | undefined = literal;
  if (path !== undefined) {
    const r = resolveReference(ctx, `${field}Path`, path, effective);
    if (r.isErr()) return err(r.error);
    value = r.value;
  } else if (typeof literal === 'string') {
    const r = await evalJsonata(ctx, literal, field, { input: ctx.rawInput });
    if (r.isErr()) return err(r.error);
    value = r.value;
  }
  if (value === undefined) return ok(undefined);
  const valid =
    field === 'ToleratedFailurePercentage'
      ? typeof value === 'number' && value >= 0 && value <= 100
      : isInteger(value) && value >= 0;
  return valid
    ? ok(value as number)
    : err(runtimeFailure(ctx, `The value of '${field}' is invalid: ${JSON.stringify(value)}`));
};

const itemsOf = async (ctx: StateCtx, effective: Json): Promise<Result<Json, Failure>> => {
  const { def } = ctx;
  if (ctx.ql === 'JSONata') {
    return def.Items === undefined ? ok(ctx.rawInput) : evalJsonata(ctx, def.Items, 'Items', { input: ctx.rawInput });
  }
  const path = def.ItemsPath ?? '$';
  return parsePath(path)
    .andThen((p) => evaluatePath(p, pathRoots(ctx, effective)))
    .mapErr((e) => runtimeFailure(ctx, e));
};

export const mapConfig = async (ctx: StateCtx, effective: Json): Promise<Result<MapConfig, Failure>> => {
  const items = await itemsOf(ctx, effective);
  if (items.isErr()) return err(items.error);
  if (!Array.isArray(items.value)) {
    const detail = `The Map state '${ctx.name}' needs an array of items, got ${JSON.stringify(items.value)}`;
    return err(ctx.ql === 'JSONata' ? failure(States.QueryEvaluationError, detail) : runtimeFailure(ctx, detail));
  }
  const max = await numberField(ctx, 'MaxConcurrency', effective);
  if (max.isErr()) return err(max.error);
  const count = await numberField(ctx, 'ToleratedFailureCount', effective);
  if (count.isErr()) return err(count.error);
  const pct = await numberField(ctx, 'ToleratedFailurePercentage', effective);
  if (pct.isErr()) return err(pct.error);
  return ok({
    items: items.value,
    maxConcurrency: max.value ?? 0,
    toleratedCount: count.value,
    toleratedPercentage: pct.value,
  });
};

/** Distributed Map tolerance: fails once failures exceed the count or the percentage (0 of each by default). */
export const exceedsTolerance = (config: MapConfig, failures: number): boolean => {
  const { toleratedCount, toleratedPercentage, items } = config;
  if (toleratedCount === undefined && toleratedPercentage === undefined) return failures > 0;
  if (toleratedCount !== undefined && failures > toleratedCount) return true;
  return toleratedPercentage !== undefined && items.length > 0 && (failures * 100) / items.length > toleratedPercentage;
};
