import type { Failure } from './errors.ts';
import { States } from './errors.ts';
import {
  type ExecutionHandle,
  type ExecutionResult,
  errorDetails,
  materialize,
  type Outcome,
  rejected,
} from './execution-result.ts';
import { seededRandom, uuidFrom } from './ids.ts';
import { PAYLOAD_LIMIT_BYTES } from './json.ts';
import { copyJson, toJsonSized } from './json-copy.ts';
import { createCancelScope } from './runtime/cancel.ts';
import { contextBase, isoTime } from './runtime/context-base.ts';
import type { Exec, ExecutionOptions, Frame, Thread } from './runtime/exec.ts';
import { createHistory, MAX_HISTORY_EVENTS } from './runtime/history.ts';
import { LazyText } from './runtime/lazy-text.ts';
import { runMachine } from './runtime/run-machine.ts';
import { createScaledScheduler, createVirtualScheduler } from './runtime/scheduler.ts';
import { createTaskTokens } from './runtime/task-tokens.ts';
import { rootScope } from './runtime/variables.ts';
import type { Definition, WorkflowType } from './types.ts';
import { validateDefinitionCached } from './validate/validate-definition.ts';

/** An Express workflow runs for at most five minutes. */
const EXPRESS_MAX_SECONDS = 300;

const toMillis = (v: number | Date): number => (v instanceof Date ? v.getTime() : v);

/**
 * Starts an execution. Never throws and its result never rejects: an invalid definition or input
 * yields a FAILED result (error InvalidDefinition / InvalidExecutionInput) with an empty history.
 */
export const startExecution = (
  definition: unknown,
  input: unknown,
  options: ExecutionOptions = {},
): ExecutionHandle => {
  const type: WorkflowType = options.type ?? 'STANDARD';
  const validated = validateDefinitionCached(definition, type);
  if (validated.isErr()) {
    return rejected(
      'InvalidDefinition',
      validated.error
        .map(
          (e) =>
            `${e.state === undefined ? '' : `State '${e.state}'`}${e.field === undefined ? '' : ` field '${e.field}'`}: ${e.message}`,
        )
        .join('; '),
    );
  }
  const def: Definition = validated.value;
  const inputJson = toJsonSized(input === undefined ? {} : input);
  if (inputJson === undefined) return rejected('InvalidExecutionInput', 'The execution input is not a JSON value');
  if (inputJson.size > PAYLOAD_LIMIT_BYTES)
    return rejected('InvalidExecutionInput', 'The execution input exceeds the maximum size of 262144 bytes');

  const clock = () => toMillis(options.now?.() ?? Date.now());
  const scale = options.waitTimeScale ?? 0;
  const scheduler = scale > 0 ? createScaledScheduler(scale, clock) : createVirtualScheduler(clock());
  const random = options.random ?? Math.random;
  // With an injected random source, UUIDs come from a fixed-seed generator: deterministic, and
  // they do not consume the draws meant for retry jitter and States.MathRandom.
  const uuidRandom = options.random === undefined ? undefined : seededRandom(0x5eed);
  const uuid = () => uuidFrom(uuidRandom);
  const history = createHistory(scheduler.now);
  const tokens = createTaskTokens(uuid);
  const root = createCancelScope();
  const context = contextBase(options, type, inputJson.json, isoTime(scheduler.now()), uuid);

  let done = false;
  let resolveResult: (r: ExecutionResult) => void = () => {};
  const result = new Promise<ExecutionResult>((resolve) => {
    resolveResult = resolve;
  });
  const rootThread: Thread = { last: 0 };

  const record = (thread: Thread, type: string, details?: Record<string, unknown>): number | undefined => {
    if (history.isSealed()) return undefined;
    if (history.size() >= MAX_HISTORY_EVENTS - 1 && !type.startsWith('Execution')) {
      finish({
        status: 'FAILED',
        error: States.Runtime,
        cause: `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`,
      });
      return undefined;
    }
    const id = history.add(type, thread.last, details);
    if (id !== undefined) thread.last = id;
    return id;
  };

  const finish = (outcome: Outcome): void => {
    if (done) return;
    done = true;
    const last: Thread = { last: history.size() };
    if (outcome.status === 'SUCCEEDED')
      record(last, 'ExecutionSucceeded', {
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
      record(last, type, errorDetails(outcome.error, outcome.cause));
    }
    history.seal();
    root.cancel();
    tokens.closeAll();
    scheduler.dispose();
    // The caller gets its own copy of the output: the history still refers to the values it is made of.
    resolveResult(
      materialize(outcome.output === undefined ? outcome : { ...outcome, output: copyJson(outcome.output) }, history),
    );
  };

  const exec: Exec = {
    options,
    scheduler,
    history,
    tokens,
    random,
    uuid,
    workflowType: type,
    queryLanguage: def.QueryLanguage ?? 'JSONPath',
    contextExecution: context.execution,
    contextStateMachine: context.stateMachine,
    emit: (frame, type, details) => (frame.cancel.isCancelled() ? undefined : record(frame.thread, type, details)),
    runBranch: (frame, branchInput) => runMachine(exec, frame, branchInput),
  };

  const inputPayload = new LazyText(inputJson.json);
  record(rootThread, 'ExecutionStarted', {
    input: inputPayload,
    inputDetails: { truncated: false },
    roleArn: context.roleArn,
  });
  const limit = Math.min(
    def.TimeoutSeconds ?? Number.POSITIVE_INFINITY,
    type === 'EXPRESS' ? EXPRESS_MAX_SECONDS : Number.POSITIVE_INFINITY,
  );
  if (Number.isFinite(limit)) {
    scheduler.setTimer(limit * 1000, () =>
      finish({ status: 'TIMED_OUT', error: States.Timeout, cause: `The execution timed out after ${limit} seconds.` }),
    );
  }
  const frame: Frame = {
    states: def.States,
    startAt: def.StartAt,
    scope: rootScope(),
    cancel: root.child(),
    thread: rootThread,
  };
  runMachine(exec, frame, inputJson.json, { payload: inputPayload, size: inputJson.size }).then(
    (outcome) => {
      if (outcome.kind === 'succeeded') finish({ status: 'SUCCEEDED', output: outcome.output });
      else if (outcome.kind === 'failed') finish({ status: 'FAILED', ...failureFields(outcome.failure) });
    },
    (e: unknown) =>
      finish({ status: 'FAILED', error: States.Runtime, cause: `Internal interpreter error: ${String(e)}` }),
  );

  return {
    result,
    sendTaskSuccess: (token, output) => tokens.sendSuccess(token, output),
    sendTaskFailure: (token, error, cause) => tokens.sendFailure(token, error, cause),
    sendTaskHeartbeat: (token) => tokens.sendHeartbeat(token),
    stop: (error, cause) =>
      finish({
        status: 'ABORTED',
        ...(error === undefined ? {} : { error }),
        ...(cause === undefined ? {} : { cause }),
      }),
    history: () => history.events(),
  };
};

const failureFields = (f: Failure) => ({ error: f.error, ...(f.cause === undefined ? {} : { cause: f.cause }) });

export const runStateMachine = (
  definition: unknown,
  input: unknown,
  options?: ExecutionOptions,
): Promise<ExecutionResult> => startExecution(definition, input, options).result;
