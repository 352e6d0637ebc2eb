import { compileResultPath, type PlaceResult } from '../jsonpath/result-path.ts';
import type { StateDef } from '../types.ts';
import type { TaskPlan } from './task-plan.ts';

// What the interpreter derives from a state's definition, worked out once per States object rather
// than on every visit: a 50-task run used to spend ~8% of its instructions looking the same facts
// up again in module caches (event names, callback-ness, parsed ResultPath, the handler).

export type PreparedState = {
  readonly name: string;
  readonly def: StateDef;
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

const prepare = (name: string, def: StateDef): PreparedState => ({
  name,
  def,
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
