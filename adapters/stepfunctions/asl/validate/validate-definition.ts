import { err, ok, type Result } from 'neverthrow';
import { isInteger, isObject } from '../json.ts';
import type { Definition, DefinitionError, QueryLanguage, WorkflowType } from '../types.ts';
import { MAX_SECONDS } from './checks.ts';
import { type MachineCtx, report } from './context.ts';
import { TOP_LEVEL_FIELDS } from './field-tables.ts';
import { isTerminal, reachableStates } from './graph.ts';
import { validateState } from './validate-state.ts';

export type ValidateOptions = { readonly type?: WorkflowType };

/** StartAt, States, every state, reachability and a terminal state, for one (possibly nested) machine. */
const validateMachine = (
  ctx: MachineCtx,
  machine: unknown,
  field: string | undefined,
  owner: string | undefined,
  allowed: readonly string[],
): void => {
  if (!isObject(machine)) {
    report(ctx, owner, field, 'A state machine must be a JSON object');
    return;
  }
  for (const key of Object.keys(machine)) {
    if (!allowed.includes(key)) report(ctx, owner, field ?? key, `The field '${key}' is not supported here`);
  }
  const { StartAt, States } = machine;
  if (!isObject(States) || Object.keys(States).length === 0) {
    report(ctx, owner, field ?? 'States', 'States must be a non-empty JSON object');
    return;
  }
  if (typeof StartAt !== 'string') report(ctx, owner, field ?? 'StartAt', 'StartAt must name the first state');
  else if (!Object.hasOwn(States, StartAt))
    report(ctx, owner, field ?? 'StartAt', `StartAt names '${StartAt}', which is not a state`);
  if (machine.Comment !== undefined && typeof machine.Comment !== 'string')
    report(ctx, owner, field ?? 'Comment', 'Comment must be a string');
  const names = new Set(Object.keys(States));
  for (const [name, state] of Object.entries(States)) validateState(ctx, name, state, names);
  if (typeof StartAt !== 'string' || !names.has(StartAt)) return;
  const reachable = reachableStates(StartAt, States);
  for (const name of names)
    if (!reachable.has(name)) report(ctx, name, undefined, `State '${name}' is not reachable from StartAt`);
  if (![...reachable].some((n) => isTerminal(States[n])))
    report(ctx, owner, field, 'The state machine has no terminal state (End: true, Succeed or Fail)');
};

const machineCtx = (
  errors: DefinitionError[],
  type: WorkflowType,
  topQueryLanguage: QueryLanguage,
  where: string,
): MachineCtx => {
  const ctx: MachineCtx = {
    errors,
    type,
    topQueryLanguage,
    where,
    validateSub: (machine, subWhere, field, owner, allowed) =>
      validateMachine(
        machineCtx(errors, type, topQueryLanguage, where === '' ? subWhere : `${subWhere}, ${where}`),
        machine,
        field,
        owner,
        allowed,
      ),
  };
  return ctx;
};

/** Rejects what CreateStateMachine rejects; each error names the state and field at fault. */
export const validateDefinition = (
  definition: unknown,
  options: ValidateOptions = {},
): Result<Definition, DefinitionError[]> => {
  const errors: DefinitionError[] = [];
  if (!isObject(definition)) return err([{ message: 'The definition must be a JSON object' }]);
  const ql = definition.QueryLanguage;
  if (ql !== undefined && ql !== 'JSONPath' && ql !== 'JSONata')
    errors.push({ field: 'QueryLanguage', message: "QueryLanguage must be 'JSONPath' or 'JSONata'" });
  const timeout = definition.TimeoutSeconds;
  if (timeout !== undefined && (!isInteger(timeout) || timeout < 1 || timeout > MAX_SECONDS)) {
    errors.push({
      field: 'TimeoutSeconds',
      message: `TimeoutSeconds must be a positive integer no greater than ${MAX_SECONDS}`,
    });
  }
  if (definition.Version !== undefined && typeof definition.Version !== 'string')
    errors.push({ field: 'Version', message: 'Version must be a string' });
  const ctx = machineCtx(errors, options.type ?? 'STANDARD', ql === 'JSONata' ? 'JSONata' : 'JSONPath', '');
  validateMachine(ctx, definition, undefined, undefined, TOP_LEVEL_FIELDS);
  return errors.length === 0 ? ok(definition as unknown as Definition) : err(errors);
};

const byText = new Map<string, Result<Definition, DefinitionError[]>>();
const byObject: Record<WorkflowType, WeakMap<object, Result<Definition, DefinitionError[]>>> = {
  STANDARD: new WeakMap(),
  EXPRESS: new WeakMap(),
};

/**
 * Validation memoised per definition object and per JSON text, so repeated runs validate once.
 * The accepted definition is a detached copy: a definition object is read once, on its first run;
 * changing it afterwards does not affect later runs (pass a new object instead).
 */
export const validateDefinitionCached = (
  definition: unknown,
  type: WorkflowType,
): Result<Definition, DefinitionError[]> => {
  const byType = byObject[type];
  if (typeof definition === 'object' && definition !== null) {
    const hit = byType.get(definition);
    if (hit !== undefined) return hit;
  }
  let key: string | undefined;
  try {
    key = `${type}:${JSON.stringify(definition)}`;
  } catch {
    key = undefined;
  }
  let result = key === undefined ? undefined : byText.get(key);
  if (result === undefined) {
    const r = validateDefinition(definition, { type });
    result = r.isOk() && key !== undefined ? ok(JSON.parse(key.slice(type.length + 1)) as Definition) : r;
    if (key !== undefined) {
      if (byText.size > 500) byText.clear();
      byText.set(key, result);
    }
  }
  if (typeof definition === 'object' && definition !== null) byType.set(definition, result);
  return result;
};
