import type { Json } from '../types.ts';

/**
 * A JSON value recorded in the history (a state's input or output, a task's parameters or
 * result), turned into JSON text only when the history is read: most executions never read it,
 * and a state's output text is shared by its Exited event, the next Entered event and that
 * task's Scheduled event. Safe because the interpreter never mutates a value once built (results
 * are detached copies, ResultPath copies on write, handlers get copies).
 * A class so that the history can recognise these fields (instanceof) and so that creating one
 * per state costs a single small object.
 */
export class LazyText {
  // Declared fields assigned in the constructor: a class field (`#text;`, `x = 1`) is defined by an
  // initializer function that V8 runs for every instance, which cost 2% of a task.
  declare readonly value: Json;
  declare private cached: string | undefined;
  constructor(value: Json, text?: string) {
    this.value = value;
    this.cached = text;
  }
  get text(): string {
    this.cached ??= JSON.stringify(this.value);
    return this.cached;
  }
}
