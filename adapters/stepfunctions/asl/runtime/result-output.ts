import { ok } from 'neverthrow';
import { type Failure, failure, States } from '../errors.ts';
import { applyResultPath } from '../jsonpath/result-path.ts';
import type { Json } from '../types.ts';
import {
  applyTemplate,
  assignJsonPath,
  failed,
  jsonataOutputAndAssign,
  type StateCtx,
  type StepResult,
  selectPath,
  transition,
} from './state-io.ts';

/**
 * What Task, Parallel and Map do with a result. JSONPath: ResultSelector → ResultPath (into the raw
 * input) → OutputPath, Assign seeing the raw result. JSONata: Output and Assign over $states.result.
 */
const processJsonata = async (ctx: StateCtx, result: Json): Promise<StepResult> => {
  const r = await jsonataOutputAndAssign(ctx, { input: ctx.rawInput, result }, result);
  return r.isErr() ? failed(r.error) : transition(ctx, r.value.output, r.value.assign);
};

export const processResult = (ctx: StateCtx, result: Json): StepResult | Promise<StepResult> => {
  const { def, rawInput } = ctx;
  if (ctx.ql === 'JSONata') return processJsonata(ctx, result);
  const selected =
    def.ResultSelector === undefined ? ok<Json, Failure>(result) : applyTemplate(ctx, def.ResultSelector, result);
  if (selected.isErr()) return failed(selected.error);
  const assign = assignJsonPath(ctx, result);
  if (assign.isErr()) return failed(assign.error);
  const placed = applyResultPath(def.ResultPath, rawInput, selected.value);
  if (placed.isErr()) return failed(failure(States.ResultPathMatchFailure, placed.error));
  const output = selectPath(ctx, def.OutputPath, placed.value);
  return output.isErr() ? failed(output.error) : transition(ctx, output.value, assign.value);
};
