import { evaluateRule } from '../choice/evaluate-rule.ts';
import { failure, States } from '../errors.ts';
import {
  assignJsonPath,
  evalJsonata,
  failed,
  jsonataOutputAndAssign,
  moveOn,
  pathRoots,
  runtimeFailure,
  type StateCtx,
  type StepResult,
  selectPath,
} from '../runtime/state-io.ts';
import type { ChoiceRule, Json } from '../types.ts';

const noMatch = (ctx: StateCtx) => failed(failure(States.NoChoiceMatched, `No Matches! (state '${ctx.name}')`));

const merge = (a: Record<string, Json> | undefined, b: Record<string, Json> | undefined) =>
  a === undefined ? b : b === undefined ? a : { ...a, ...b };

const runJsonata = async (ctx: StateCtx): Promise<StepResult> => {
  const { def, rawInput } = ctx;
  let chosen: ChoiceRule | undefined;
  for (const rule of def.Choices ?? []) {
    const r = await evalJsonata(ctx, rule.Condition ?? null, 'Condition', { input: rawInput });
    if (r.isErr()) return failed(r.error);
    if (typeof r.value !== 'boolean') {
      return failed(
        failure(
          States.QueryEvaluationError,
          `The Condition '${String(rule.Condition)}' of state '${ctx.name}' must evaluate to a boolean`,
        ),
      );
    }
    if (r.value) {
      chosen = rule;
      break;
    }
  }
  const next = chosen?.Next ?? def.Default;
  if (next === undefined) return noMatch(ctx);
  const states = { input: rawInput };
  // A matched rule's Output/Assign apply together with the state's own Assign.
  const state = await jsonataOutputAndAssign(ctx, states, rawInput, chosen?.Output ?? def.Output, def.Assign);
  if (state.isErr()) return failed(state.error);
  let ruleAssign: Record<string, Json> | undefined;
  if (chosen?.Assign !== undefined) {
    const a = await evalJsonata(ctx, chosen.Assign, 'Assign', states);
    if (a.isErr()) return failed(a.error);
    ruleAssign = a.value as Record<string, Json>;
  }
  const assign = merge(state.value.assign, ruleAssign);
  return moveOn(next, state.value.output, assign);
};

export const runChoice = (ctx: StateCtx): StepResult | Promise<StepResult> => {
  if (ctx.ql === 'JSONata') return runJsonata(ctx);
  const { def } = ctx;
  const effective = selectPath(ctx, def.InputPath, ctx.rawInput);
  if (effective.isErr()) return failed(effective.error);
  const roots = pathRoots(ctx, effective.value);
  let chosen: ChoiceRule | undefined;
  for (const rule of def.Choices ?? []) {
    const r = evaluateRule(rule, roots);
    if (r.isErr()) return failed(runtimeFailure(ctx, r.error.cause ?? ''));
    if (r.value) {
      chosen = rule;
      break;
    }
  }
  const next = chosen?.Next ?? def.Default;
  if (next === undefined) return noMatch(ctx);
  const stateAssign = assignJsonPath(ctx, effective.value);
  if (stateAssign.isErr()) return failed(stateAssign.error);
  const ruleAssign = assignJsonPath(ctx, effective.value, chosen?.Assign);
  if (ruleAssign.isErr()) return failed(ruleAssign.error);
  const output = selectPath(ctx, def.OutputPath, effective.value);
  if (output.isErr()) return failed(output.error);
  const assign = merge(stateAssign.value, ruleAssign.value);
  return moveOn(next, output.value, assign);
};
