import { isObject } from '../json.ts';
import { checkJsonataValue, checkObject, checkPathField, checkPayloadTemplate, isJsonataString } from './checks.ts';
import { type StateVCtx, stateError } from './context.ts';
import { BRANCH_FIELDS, PROCESSOR_FIELDS } from './field-tables.ts';
import { checkCatch, checkRetry } from './validate-retry-catch.ts';
import { exclusive } from './validate-simple-states.ts';

type S = Record<string, unknown>;

const checkResultFields = (ctx: StateVCtx, s: S): void => {
  if (ctx.ql === 'JSONata') {
    checkJsonataValue(ctx, 'Arguments', s.Arguments);
  } else {
    checkPayloadTemplate(ctx, 'Parameters', s.Parameters);
    checkObject(ctx, 'ResultSelector', s.ResultSelector);
    checkPayloadTemplate(ctx, 'ResultSelector', s.ResultSelector);
  }
  checkRetry(ctx, s.Retry);
  checkCatch(ctx, s.Catch);
};

export const checkParallel = (ctx: StateVCtx, s: S): void => {
  const branches = s.Branches;
  if (!Array.isArray(branches) || branches.length === 0)
    stateError(ctx, 'Branches', 'A Parallel state needs a non-empty Branches array');
  else {
    for (const [i, b] of branches.entries()) {
      ctx.validateSub(b, `branch ${i + 1} of Parallel '${ctx.state}'`, 'Branches', ctx.state, BRANCH_FIELDS);
    }
  }
  checkResultFields(ctx, s);
};

const checkProcessorConfig = (ctx: StateVCtx, config: unknown): 'INLINE' | 'DISTRIBUTED' => {
  if (config === undefined) return 'INLINE';
  if (!isObject(config)) {
    stateError(ctx, 'ItemProcessor', 'ProcessorConfig must be a JSON object');
    return 'INLINE';
  }
  for (const key of Object.keys(config)) {
    if (key !== 'Mode' && key !== 'ExecutionType')
      stateError(ctx, 'ItemProcessor', `Unknown field '${key}' in ProcessorConfig`);
  }
  const mode = config.Mode ?? 'INLINE';
  if (mode !== 'INLINE' && mode !== 'DISTRIBUTED')
    stateError(ctx, 'ItemProcessor', "ProcessorConfig.Mode must be 'INLINE' or 'DISTRIBUTED'");
  if (mode === 'DISTRIBUTED' && config.ExecutionType !== 'STANDARD' && config.ExecutionType !== 'EXPRESS') {
    stateError(
      ctx,
      'ItemProcessor',
      "A DISTRIBUTED ItemProcessor needs ProcessorConfig.ExecutionType 'STANDARD' or 'EXPRESS'",
    );
  }
  return mode === 'DISTRIBUTED' ? 'DISTRIBUTED' : 'INLINE';
};

const DISTRIBUTED_ONLY = [
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'Label',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
];

const checkMapNumbers = (ctx: StateVCtx, s: S): void => {
  for (const [field, max] of [
    ['MaxConcurrency', Number.MAX_SAFE_INTEGER],
    ['ToleratedFailureCount', Number.MAX_SAFE_INTEGER],
    ['ToleratedFailurePercentage', 100],
  ] as const) {
    exclusive(ctx, s, field, `${field}Path`);
    checkPathField(ctx, `${field}Path`, s[`${field}Path`], { reference: true });
    const v = s[field];
    if (v === undefined || (ctx.ql === 'JSONata' && isJsonataString(v))) {
      checkJsonataValue(ctx, field, v);
      continue;
    }
    const integral = field !== 'ToleratedFailurePercentage';
    if (typeof v !== 'number' || v < 0 || v > max || (integral && !Number.isInteger(v))) {
      stateError(ctx, field, `${field} must be ${integral ? 'a non-negative integer' : 'a number between 0 and 100'}`);
    }
  }
};

export const checkMap = (ctx: StateVCtx, s: S): void => {
  exclusive(ctx, s, 'ItemProcessor', 'Iterator');
  exclusive(ctx, s, 'ItemSelector', 'Parameters');
  const processor = s.ItemProcessor ?? s.Iterator;
  const field = s.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator';
  if (processor === undefined)
    stateError(ctx, 'ItemProcessor', 'A Map state needs an ItemProcessor (or the legacy Iterator)');
  const mode = isObject(processor) ? checkProcessorConfig(ctx, processor.ProcessorConfig) : 'INLINE';
  if (processor !== undefined) {
    ctx.validateSub(
      processor,
      `${field} of Map '${ctx.state}'`,
      field,
      ctx.state,
      field === 'ItemProcessor' ? PROCESSOR_FIELDS : BRANCH_FIELDS,
    );
  }
  if (mode === 'INLINE') {
    for (const f of DISTRIBUTED_ONLY)
      if (s[f] !== undefined) stateError(ctx, f, `${f} is only supported by a Map state in DISTRIBUTED mode`);
  }
  checkMapNumbers(ctx, s);
  if (ctx.ql === 'JSONata') {
    const items = s.Items;
    if (items !== undefined && !Array.isArray(items) && !isJsonataString(items))
      stateError(ctx, 'Items', 'Items must be an array or a {% %} JSONata expression');
    checkJsonataValue(ctx, 'Items', items);
    checkJsonataValue(ctx, 'ItemSelector', s.ItemSelector);
  } else {
    checkPathField(ctx, 'ItemsPath', s.ItemsPath, { reference: true });
    checkObject(ctx, 'ItemSelector', s.ItemSelector);
    checkPayloadTemplate(ctx, 'ItemSelector', s.ItemSelector);
  }
  checkObject(ctx, 'ItemReader', s.ItemReader);
  checkObject(ctx, 'ItemBatcher', s.ItemBatcher);
  checkObject(ctx, 'ResultWriter', s.ResultWriter);
  if (s.Label !== undefined && typeof s.Label !== 'string') stateError(ctx, 'Label', 'Label must be a string');
  checkResultFields(ctx, s);
};
