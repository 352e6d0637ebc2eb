import { failure, States } from '../errors.ts';
import { exceedsPayloadLimit, PAYLOAD_LIMIT_BYTES, payloadBound } from '../json.ts';
import { runChoice } from '../states/choice.ts';
import { runMap } from '../states/map.ts';
import { runParallel } from '../states/parallel.ts';
import { runPass } from '../states/pass.ts';
import { runFail, runSucceed } from '../states/succeed-fail.ts';
import { runTask } from '../states/task.ts';
import { runWait } from '../states/wait.ts';
import type { Json, StateType } from '../types.ts';
import type { BranchOutcome, Exec, Frame } from './exec.ts';
import { LazyText } from './lazy-text.ts';
import { followingState, type PreparedState, preparedStates } from './prepared-state.ts';
import type { StateCtx, StepResult } from './state-io.ts';
import { assignVariables } from './variables.ts';

/** JSONPath Pass/Choice/Succeed/Fail finish synchronously; the others return a promise. */
type Handler = (ctx: StateCtx) => StepResult | Promise<StepResult>;

/**
 * The state type's handler. A switch rather than a lookup table: `table[def.Type]` is a read whose key
 * changes from state to state, which V8 caches per key only up to one key and then handles as
 * megamorphic (~1% of a task's time in the benchmark); comparing interned strings costs next to nothing.
 */
const handlerOf = (type: StateType): Handler => {
  switch (type) {
    case 'Task':
      return runTask;
    case 'Pass':
      return runPass;
    case 'Choice':
      return runChoice;
    case 'Wait':
      return runWait;
    case 'Succeed':
      return runSucceed;
    case 'Fail':
      return runFail;
    case 'Parallel':
      return runParallel;
    case 'Map':
      return runMap;
  }
};

const NOT_TRUNCATED = Object.freeze({ truncated: false });

const tooLarge = (name: string) =>
  failure(
    States.DataLimitExceeded,
    `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
  );

/** Runs one state: the Entered event, then the state's handler. */
const runState = (
  exec: Exec,
  frame: Frame,
  state: PreparedState,
  input: LazyText,
  inputBound: number,
): StepResult | Promise<StepResult> => {
  const { name, def } = state;
  const enteredEventId = exec.emit(frame, state.entered, { name, input, inputDetails: NOT_TRUNCATED });
  if (enteredEventId === undefined) return { kind: 'cancelled' };
  const ctx: StateCtx = {
    exec,
    frame,
    state,
    name,
    def,
    ql: def.QueryLanguage ?? exec.queryLanguage,
    enteredEventId,
    enteredAt: exec.scheduler.now(),
    rawInput: input.value,
    rawPayload: input,
    inputBound,
    retryCount: 0,
    retriesUsed: undefined,
  };
  return handlerOf(def.Type)(ctx);
};

/**
 * Runs a state machine (top level, branch or iteration) from StartAt to a terminal state.
 * `known`: the input as recorded and a bound on its size, when the caller has them (the execution input).
 *
 * Every state output must fit the 256 KiB quota. Rather than serialising each output to measure
 * it, the loop carries an upper bound on the current value's size: an unchanged value keeps its
 * bound, a state that knows one (a Task placing its result with ResultPath) passes it on, and only
 * when the bound is unknown or over the quota is the value serialised and measured exactly.
 */
export const runMachine = async (
  exec: Exec,
  frame: Frame,
  input: Json,
  known?: { readonly payload: LazyText; readonly bound: number },
): Promise<BranchOutcome> => {
  const states = preparedStates(frame.states);
  let state = states.get(frame.startAt) as PreparedState;
  let payload = known?.payload ?? new LazyText(input);
  let bound = known?.bound ?? Number.POSITIVE_INFINITY;
  for (;;) {
    if (frame.cancel.isCancelled()) return { kind: 'cancelled' };
    let step = runState(exec, frame, state, payload, bound);
    for (;;) {
      if (step instanceof Promise) step = await step;
      else if (step.kind === 'inflight') {
        let value: unknown;
        let threw = false;
        try {
          value = await step.promise;
        } catch (e) {
          value = e;
          threw = true;
        }
        step = step.land(value, threw);
      } else break;
    }
    if (step.kind === 'failed' || step.kind === 'cancelled') return step;
    if (step.output !== payload.value) {
      payload = new LazyText(step.output);
      bound = step.size ?? Number.POSITIVE_INFINITY;
    }
    if (bound > PAYLOAD_LIMIT_BYTES) {
      bound = payloadBound(payload.text);
      if (bound > PAYLOAD_LIMIT_BYTES) return { kind: 'failed', failure: tooLarge(state.name) };
    }
    if (step.assign !== undefined) {
      const assignText = JSON.stringify(step.assign);
      if (exceedsPayloadLimit(assignText)) return { kind: 'failed', failure: tooLarge(state.name) };
      assignVariables(frame.scope, step.assign);
    }
    const details: Record<string, unknown> = { name: state.name, output: payload, outputDetails: NOT_TRUNCATED };
    if (step.assign !== undefined) {
      details.assignedVariables = Object.fromEntries(
        Object.entries(step.assign).map(([k, v]) => [k, JSON.stringify(v)]),
      );
    }
    const exited = exec.emit(frame, state.exited, details);
    if (exited === undefined) return { kind: 'cancelled' };
    if (step.kind === 'end') return { kind: 'succeeded', output: step.output };
    state = followingState(states, state, step.next);
  }
};
