import { compileResultPath, type PlaceResult } from '../jsonpath/result-path.ts';
import type { PreparedDef, StateDef } from '../types.ts';
import type { TaskPlan } from './task-plan.ts';

// What the interpreter derives from a state's definition, worked out once per States object rather
// than on every visit: a 50-task run used to spend ~8% of its instructions looking the same facts
// up again in module caches (event names, callback-ness, parsed ResultPath, the handler).

export type PreparedState = {
  readonly name: string;
  readonly def: PreparedDef;
  /** Its history event types. */
  readonly entered: string;
  readonly exited: string;
  /** The state its Next names, linked on first use: no lookup by name on the usual transition. */
  next: PreparedState | undefined;
  /** The Task facts, on the state's first visit (runtime/task-plan.ts). */
  task: TaskPlan | undefined;
  /** ResultPath compiled, on first use (Task, Parallel, Map). */
  placeResult: PlaceResult | undefined;
};

/**
 * The definition with every field present, in one order. States of every type then share one
 * hidden class, so the runtime's reads of `def.X` stay monomorphic however many kinds of states and
 * definitions a process runs: the benchmark's Task case, run after its other cases, took ~3% fewer
 * instructions with it. A literal rather than a loop: V8 keeps an object built by keyed stores in
 * fast mode only up to a dozen or so added fields.
 */
const normalize = (def: StateDef): PreparedDef => ({
  Type: def.Type,
  Comment: def.Comment,
  QueryLanguage: def.QueryLanguage,
  Next: def.Next,
  End: def.End,
  InputPath: def.InputPath,
  OutputPath: def.OutputPath,
  ResultPath: def.ResultPath,
  Parameters: def.Parameters,
  ResultSelector: def.ResultSelector,
  Result: def.Result,
  Arguments: def.Arguments,
  Output: def.Output,
  Assign: def.Assign,
  Resource: def.Resource,
  TimeoutSeconds: def.TimeoutSeconds,
  TimeoutSecondsPath: def.TimeoutSecondsPath,
  HeartbeatSeconds: def.HeartbeatSeconds,
  HeartbeatSecondsPath: def.HeartbeatSecondsPath,
  Retry: def.Retry,
  Catch: def.Catch,
  Choices: def.Choices,
  Default: def.Default,
  Seconds: def.Seconds,
  Timestamp: def.Timestamp,
  SecondsPath: def.SecondsPath,
  TimestampPath: def.TimestampPath,
  Error: def.Error,
  Cause: def.Cause,
  ErrorPath: def.ErrorPath,
  CausePath: def.CausePath,
  Branches: def.Branches,
  ItemProcessor: def.ItemProcessor,
  Iterator: def.Iterator,
  ItemsPath: def.ItemsPath,
  Items: def.Items,
  ItemSelector: def.ItemSelector,
  MaxConcurrency: def.MaxConcurrency,
  MaxConcurrencyPath: def.MaxConcurrencyPath,
  ToleratedFailureCount: def.ToleratedFailureCount,
  ToleratedFailureCountPath: def.ToleratedFailureCountPath,
  ToleratedFailurePercentage: def.ToleratedFailurePercentage,
  ToleratedFailurePercentagePath: def.ToleratedFailurePercentagePath,
  Label: def.Label,
  ItemReader: def.ItemReader,
  ItemBatcher: def.ItemBatcher,
  ResultWriter: def.ResultWriter,
  Credentials: def.Credentials,
});

const prepare = (name: string, def: StateDef): PreparedState => ({
  name,
  def: normalize(def),
  entered: `${def.Type}StateEntered`,
  exited: `${def.Type}StateExited`,
  next: undefined,
  task: undefined,
  placeResult: undefined,
});

/** Each States object as a Map of prepared states: a Map lookup by name costs half a keyed property lookup. */
const TABLES = new WeakMap<Readonly<Record<string, StateDef>>, ReadonlyMap<string, PreparedState>>();

export const preparedStates = (states: Readonly<Record<string, StateDef>>): ReadonlyMap<string, PreparedState> => {
  let table = TABLES.get(states);
  if (table === undefined) {
    table = new Map(Object.entries(states).map(([name, def]) => [name, prepare(name, def)]));
    TABLES.set(states, table);
  }
  return table;
};

/** The state to run after `state`, whose step named `next` (its Next field, or a Choice or Catch target). */
export const followingState = (
  table: ReadonlyMap<string, PreparedState>,
  state: PreparedState,
  next: string,
): PreparedState => {
  if (next !== state.def.Next) return table.get(next) as PreparedState;
  state.next ??= table.get(next) as PreparedState;
  return state.next;
};

/** The state's compiled ResultPath. */
export const resultPlacer = (state: PreparedState): PlaceResult => {
  state.placeResult ??= compileResultPath(state.def.ResultPath);
  return state.placeResult;
};
