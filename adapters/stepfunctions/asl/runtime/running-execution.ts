import { randomUUID } from 'node:crypto';
import type { Failure } from '../errors.ts';
import { States } from '../errors.ts';
import { type ExecutionResult, errorDetails, materialize, type Outcome } from '../execution-result.ts';
import { seededRandom, uuidFrom } from '../ids.ts';
import { copyJson } from '../json-copy.ts';
import type { Definition, Json, JsonObject, QueryLanguage, WorkflowType } from '../types.ts';
import { type CancelScope, createCancelScope } from './cancel.ts';
import { contextBase, isoTime } from './context-base.ts';
import type { BranchOutcome, Exec, ExecutionOptions, Frame, Thread } from './exec.ts';
import { createHistory, type History, MAX_HISTORY_EVENTS } from './history.ts';
import { LazyText } from './lazy-text.ts';
import { runMachine } from './run-machine.ts';
import { createScaledScheduler, createVirtualScheduler, type Scheduler } from './scheduler.ts';
import { createTaskTokens, type TaskTokens } from './task-tokens.ts';
import { rootScope } from './variables.ts';

/** An Express workflow runs for at most five minutes. */
const EXPRESS_MAX_SECONDS = 300;

const toMillis = (v: number | Date): number => (v instanceof Date ? v.getTime() : v);

const cryptoUuid = (): string => randomUUID();

const failureFields = (f: Failure) => ({ error: f.error, ...(f.cause === undefined ? {} : { cause: f.cause }) });

/**
 * One execution once its definition and input are accepted: the history, clock, tokens and
 * cancellation, the context object's execution-wide part, and the end of the run (finish).
 * A class rather than closures inside startExecution: an execution is built per run, and with 50
 * quick tasks its fixed cost counts; methods cost nothing per instance where each closure costs
 * an allocation (and, where function names are kept as under tsx, a defineProperty).
 */
export class RunningExecution implements Exec {
  readonly options: ExecutionOptions;
  readonly scheduler: Scheduler;
  readonly history: History;
  readonly tokens: TaskTokens;
  readonly random: () => number;
  readonly uuid: () => string;
  readonly workflowType: WorkflowType;
  readonly queryLanguage: QueryLanguage;
  readonly contextExecution: JsonObject;
  readonly contextStateMachine: JsonObject;
  readonly rootFrame: Frame;
  readonly result: Promise<ExecutionResult>;
  readonly #root: CancelScope;
  #resolve: ((r: ExecutionResult) => void) | undefined;
  #done = false;

  constructor(def: Definition, input: { json: Json; bound: number }, options: ExecutionOptions, type: WorkflowType) {
    const scale = options.waitTimeScale ?? 0;
    const now = options.now;
    const clock = now === undefined ? Date.now : () => toMillis(now() ?? Date.now());
    this.options = options;
    this.scheduler = scale > 0 ? createScaledScheduler(scale, clock) : createVirtualScheduler(clock());
    this.random = options.random ?? Math.random;
    // With an injected random source, UUIDs come from a fixed-seed generator: deterministic, and
    // they do not consume the draws meant for retry jitter and States.MathRandom.
    if (options.random === undefined) this.uuid = cryptoUuid;
    else {
      const uuidRandom = seededRandom(0x5eed);
      this.uuid = () => uuidFrom(uuidRandom);
    }
    this.history = createHistory(this.scheduler);
    this.tokens = createTaskTokens(this.uuid);
    this.#root = createCancelScope();
    this.workflowType = type;
    this.queryLanguage = def.QueryLanguage ?? 'JSONPath';
    const context = contextBase(options, type, input.json, isoTime(this.scheduler.now()), this.uuid);
    this.contextExecution = context.execution;
    this.contextStateMachine = context.stateMachine;
    this.result = new Promise<ExecutionResult>((resolve) => {
      this.#resolve = resolve;
    });

    const rootThread: Thread = { last: 0 };
    const inputPayload = new LazyText(input.json);
    this.#record(rootThread, 'ExecutionStarted', {
      input: inputPayload,
      inputDetails: { truncated: false },
      roleArn: context.roleArn,
    });
    const limit = Math.min(
      def.TimeoutSeconds ?? Number.POSITIVE_INFINITY,
      type === 'EXPRESS' ? EXPRESS_MAX_SECONDS : Number.POSITIVE_INFINITY,
    );
    if (Number.isFinite(limit)) {
      this.scheduler.setTimer(limit * 1000, () =>
        this.finish({
          status: 'TIMED_OUT',
          error: States.Timeout,
          cause: `The execution timed out after ${limit} seconds.`,
        }),
      );
    }
    this.rootFrame = {
      states: def.States,
      startAt: def.StartAt,
      scope: rootScope(),
      cancel: this.#root.child(),
      thread: rootThread,
    };
    void this.#drive(this.rootFrame, input.json, inputPayload, input.bound);
  }

  /** Runs the top-level machine to its outcome; an exception is an interpreter bug, reported as such. */
  async #drive(frame: Frame, input: Json, payload: LazyText, bound: number): Promise<void> {
    let outcome: BranchOutcome;
    try {
      outcome = await runMachine(this, frame, input, { payload, bound });
    } catch (e) {
      this.finish({ status: 'FAILED', error: States.Runtime, cause: `Internal interpreter error: ${String(e)}` });
      return;
    }
    if (outcome.kind === 'succeeded') this.finish({ status: 'SUCCEEDED', output: outcome.output });
    else if (outcome.kind === 'failed') this.finish({ status: 'FAILED', ...failureFields(outcome.failure) });
  }

  #record(thread: Thread, type: string, details?: Readonly<Record<string, unknown>>): number | undefined {
    const history = this.history;
    if (history.isSealed()) return undefined;
    if (history.size() >= MAX_HISTORY_EVENTS - 1 && !type.startsWith('Execution')) {
      this.finish({
        status: 'FAILED',
        error: States.Runtime,
        cause: `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`,
      });
      return undefined;
    }
    const id = history.add(type, thread.last, details);
    if (id !== undefined) thread.last = id;
    return id;
  }

  emit(frame: Frame, type: string, details?: Readonly<Record<string, unknown>>): number | undefined {
    return frame.cancel.isCancelled() ? undefined : this.#record(frame.thread, type, details);
  }

  runBranch(frame: Frame, input: Json): Promise<BranchOutcome> {
    return runMachine(this, frame, input);
  }

  /** Ends the execution once: the closing event, cancellation of what still runs, the result. */
  finish(outcome: Outcome): void {
    if (this.#done) return;
    this.#done = true;
    const history = this.history;
    const last: Thread = { last: history.size() };
    if (outcome.status === 'SUCCEEDED')
      this.#record(last, 'ExecutionSucceeded', {
        output: new LazyText(outcome.output ?? null),
        outputDetails: { truncated: false },
      });
    else {
      const type =
        outcome.status === 'FAILED'
          ? 'ExecutionFailed'
          : outcome.status === 'TIMED_OUT'
            ? 'ExecutionTimedOut'
            : 'ExecutionAborted';
      this.#record(last, type, errorDetails(outcome.error, outcome.cause));
    }
    history.seal();
    this.#root.cancel();
    this.tokens.closeAll();
    this.scheduler.dispose();
    // The caller gets its own copy of the output: the history still refers to the values it is made of.
    this.#resolve?.(
      materialize(outcome.output === undefined ? outcome : { ...outcome, output: copyJson(outcome.output) }, history),
    );
  }
}
