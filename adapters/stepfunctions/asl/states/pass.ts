import { failure, States } from '../errors.ts';
import { applyResultPath } from '../jsonpath/result-path.ts';
import {
  applyTemplate,
  assignJsonPath,
  failed,
  jsonataOutputAndAssign,
  type StateCtx,
  type StepResult,
  selectPath,
  transition,
} from '../runtime/state-io.ts';

// Pass: InputPath → Parameters → (Result replaces the effective input) → ResultPath → OutputPath.
// In JSONata: Output (default: the input) and Assign.

const runPassJsonata = async (ctx: StateCtx): Promise<StepResult> => {
  const r = await jsonataOutputAndAssign(ctx, { input: ctx.rawInput }, ctx.rawInput);
  return r.isErr() ? failed(r.error) : transition(ctx, r.value.output, r.value.assign);
};

/** Synchronous in JSONPath mode: no await, no microtask per Pass state. */
export const runPass = (ctx: StateCtx): StepResult | Promise<StepResult> => {
  const { def, rawInput } = ctx;
  if (ctx.ql === 'JSONata') return runPassJsonata(ctx);
  const effective = selectPath(ctx, def.InputPath, rawInput).andThen((input) =>
    applyTemplate(ctx, def.Parameters, input),
  );
  if (effective.isErr()) return failed(effective.error);
  const result = def.Result !== undefined ? def.Result : effective.value;
  const assign = assignJsonPath(ctx, result);
  if (assign.isErr()) return failed(assign.error);
  const placed = applyResultPath(def.ResultPath, rawInput, result);
  if (placed.isErr()) return failed(failure(States.ResultPathMatchFailure, placed.error));
  const output = selectPath(ctx, def.OutputPath, placed.value);
  return output.isErr() ? failed(output.error) : transition(ctx, output.value, assign.value);
};
