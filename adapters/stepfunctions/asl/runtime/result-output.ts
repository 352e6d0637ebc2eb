import { ok } from 'neverthrow';
import { type Failure, failure, States } from '../errors.ts';
import { jsonBytes } from '../json-copy.ts';
import { applyResultPath } from '../jsonpath/result-path.ts';
import type { Json } from '../types.ts';
import { resultPlacer } from './prepared-state.ts';
import {
  applyTemplate,
  assignJsonPath,
  failed,
  jsonataOutputAndAssign,
  type StateCtx,
  type StepResult,
  selectPath,
  transition,
  transitionSized,
} from './state-io.ts';

/**
 * What Task, Parallel and Map do with a result. JSONPath: ResultSelector → ResultPath (into the raw
 * input) → OutputPath, Assign seeing the raw result. JSONata: Output and Assign over $states.result.
 */
const processJsonata = async (ctx: StateCtx, result: Json): Promise<StepResult> => {
  const r = await jsonataOutputAndAssign(ctx, { input: ctx.rawInput, result }, result);
  return r.isErr() ? failed(r.error) : transition(ctx, r.value.output, r.value.assign);
};

/**
 * An upper bound on the UTF-8 JSON size of ResultPath's output, from the bounds of the raw input
 * and of the placed value: replacing a member never adds more than the new value, and adding one
 * (creating missing objects on the way) adds its key, quotes, colon, comma and braces, whose size
 * the path text bounds (a name cannot be longer than the path, an escaped character takes at most
 * 6 bytes). OutputPath can only select a part of it, so the bound holds for the state's output.
 */
const placedBound = (resultPath: string | null | undefined, inputBound: number, valueBound: number): number => {
  if (resultPath === undefined || resultPath === '$') return valueBound;
  if (resultPath === null) return inputBound;
  return inputBound + valueBound + 12 * (resultPath.length + 1);
};

/** `resultSize`: the result's exact UTF-8 JSON size when known (a task result), so the output's is bounded. */
export const processResult = (ctx: StateCtx, result: Json, resultSize?: number): StepResult | Promise<StepResult> => {
  const { def, rawInput } = ctx;
  if (ctx.ql === 'JSONata') return processJsonata(ctx, result);
  if (
    def.ResultSelector === undefined &&
    def.Assign === undefined &&
    (def.OutputPath === undefined || def.OutputPath === '$')
  ) {
    // The common case, without the Result wrappers: only ResultPath to apply.
    const placed = resultPlacer(ctx.state)(rawInput, result);
    if (placed !== undefined)
      return resultSize === undefined
        ? transition(ctx, placed)
        : transitionSized(ctx, placed, undefined, placedBound(def.ResultPath, ctx.inputBound, resultSize));
  }
  const selected =
    def.ResultSelector === undefined ? ok<Json, Failure>(result) : applyTemplate(ctx, def.ResultSelector, result);
  if (selected.isErr()) return failed(selected.error);
  const assign = assignJsonPath(ctx, result);
  if (assign.isErr()) return failed(assign.error);
  const placed = applyResultPath(def.ResultPath, rawInput, selected.value);
  if (placed.isErr()) return failed(failure(States.ResultPathMatchFailure, placed.error));
  const output = selectPath(ctx, def.OutputPath, placed.value);
  if (output.isErr()) return failed(output.error);
  if (resultSize === undefined) return transition(ctx, output.value, assign.value);
  const valueBound = def.ResultSelector === undefined ? resultSize : jsonBytes(selected.value);
  return transitionSized(ctx, output.value, assign.value, placedBound(def.ResultPath, ctx.inputBound, valueBound));
};
