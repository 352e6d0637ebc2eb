import { compileResultPath, type PlaceResult } from '../jsonpath/result-path.ts';
import type { StateDef } from '../types.ts';
import type { TaskPlan } from './task-plan.ts';

// What the interpreter derives from a state's definition, worked out once per States object rather
// than on every visit: a 50-task run used to spend about a tenth of its time looking the same
// facts up again in module caches (event names, callback-ness, parsed ResultPath, the handler).

export type PreparedState = {
  readonly name: string;
  readonly def: StateDef;
  /** Its history event types. */
  readonly entered: string;
  readonly exited: string;
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

/** The state's compiled ResultPath. */
export const resultPlacer = (state: PreparedState): PlaceResult => {
  state.placeResult ??= compileResultPath(state.def.ResultPath);
  return state.placeResult;
};
