import { isObject } from '../json.ts';
import type { QueryLanguage, StateType } from '../types.ts';
import { checkAssign, checkJsonataValue, checkPathField, checkString } from './checks.ts';
import { type MachineCtx, report, type StateVCtx, stateError } from './context.ts';
import { isAllowedField, needsTransition, STATE_TYPES } from './field-tables.ts';
import { checkChoices } from './validate-choice.ts';
import { checkMap, checkParallel } from './validate-fanout-states.ts';
import { checkFail, checkPass, checkTask, checkWait } from './validate-simple-states.ts';

type S = Record<string, unknown>;

const BY_TYPE: Record<StateType, (ctx: StateVCtx, s: S) => void> = {
  Pass: checkPass,
  Task: checkTask,
  Choice: checkChoices,
  Wait: checkWait,
  Succeed: () => {},
  Fail: checkFail,
  Parallel: checkParallel,
  Map: checkMap,
};

const MAX_NAME = 80;

const checkFields = (ctx: StateVCtx, type: StateType, s: S): void => {
  const other: QueryLanguage = ctx.ql === 'JSONata' ? 'JSONPath' : 'JSONata';
  for (const key of Object.keys(s)) {
    if (isAllowedField(type, ctx.ql, key)) continue;
    stateError(
      ctx,
      key,
      isAllowedField(type, other, key)
        ? `The field '${key}' is not supported with the ${ctx.ql} query language`
        : `The field '${key}' is not supported by a ${type} state`,
    );
  }
};

const checkTransition = (ctx: StateVCtx, type: StateType, s: S): void => {
  if (!needsTransition(type)) return;
  const { Next, End } = s;
  if (End !== undefined && typeof End !== 'boolean') stateError(ctx, 'End', 'End must be a boolean');
  if (Next !== undefined && typeof Next !== 'string') {
    stateError(ctx, 'Next', 'Next must be a state name');
    return;
  }
  if (Next !== undefined && End === true) {
    stateError(ctx, 'End', 'A state cannot have both Next and End');
    return;
  }
  if (Next === undefined && End !== true) {
    stateError(ctx, 'Next', 'A state needs either Next or End: true');
    return;
  }
  if (typeof Next === 'string' && !ctx.stateNames.has(Next))
    stateError(ctx, 'Next', `The Next state '${Next}' does not exist`);
};

/** Field presence, query language, transitions, then the checks of the state's type. */
export const validateState = (mctx: MachineCtx, name: string, raw: unknown, stateNames: ReadonlySet<string>): void => {
  if (name.length === 0 || name.length > MAX_NAME)
    report(mctx, name, undefined, `State names must be 1 to ${MAX_NAME} characters long`);
  if (!isObject(raw)) {
    report(mctx, name, undefined, 'A state must be a JSON object');
    return;
  }
  const type = raw.Type;
  if (typeof type !== 'string' || !STATE_TYPES.includes(type as StateType)) {
    report(mctx, name, 'Type', `Unknown or missing state Type '${String(type)}'`);
    return;
  }
  const declared = raw.QueryLanguage;
  if (declared !== undefined && declared !== 'JSONPath' && declared !== 'JSONata') {
    report(mctx, name, 'QueryLanguage', "QueryLanguage must be 'JSONPath' or 'JSONata'");
    return;
  }
  if (declared === 'JSONPath' && mctx.topQueryLanguage === 'JSONata') {
    report(mctx, name, 'QueryLanguage', 'A state cannot use JSONPath when the state machine QueryLanguage is JSONata');
  }
  const ctx: StateVCtx = {
    ...mctx,
    state: name,
    ql: (declared as QueryLanguage | undefined) ?? mctx.topQueryLanguage,
    stateNames,
  };
  const s = raw as S;
  checkFields(ctx, type as StateType, s);
  checkTransition(ctx, type as StateType, s);
  checkString(ctx, 'Comment', s.Comment);
  if (ctx.ql === 'JSONPath') {
    checkPathField(ctx, 'InputPath', s.InputPath, { nullable: true });
    checkPathField(ctx, 'OutputPath', s.OutputPath, { nullable: true });
    checkPathField(ctx, 'ResultPath', s.ResultPath, { nullable: true, reference: true, inputOnly: true });
  } else checkJsonataValue(ctx, 'Output', s.Output);
  checkAssign(ctx, 'Assign', s.Assign);
  BY_TYPE[type as StateType](ctx, s);
};
