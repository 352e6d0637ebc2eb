import { err, type Result } from 'neverthrow';
import type { Failure } from './errors.ts';
import { States } from './errors.ts';
import { seededRandom, uuidFrom } from './ids.ts';
import { exceedsPayloadLimit, toJson } from './json.ts';
import { createCancelScope } from './runtime/cancel.ts';
import type { Exec, ExecutionOptions, Frame, Thread } from './runtime/exec.ts';
import { createHistory, type HistoryEvent, MAX_HISTORY_EVENTS } from './runtime/history.ts';
import { runMachine } from './runtime/run-machine.ts';
import { createScaledScheduler, createVirtualScheduler } from './runtime/scheduler.ts';
import { createTaskTokens, type TaskTokenError } from './runtime/task-tokens.ts';
import { rootScope } from './runtime/variables.ts';
import type { Definition, Json, WorkflowType } from './types.ts';
import { validateDefinitionCached } from './validate/validate-definition.ts';

export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export type ExecutionResult = {
  readonly status: ExecutionStatus;
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
  readonly history: HistoryEvent[];
};

export type ExecutionHandle = {
  readonly result: Promise<ExecutionResult>;
  readonly sendTaskSuccess: (token: string, output: unknown) => Result<void, TaskTokenError>;
  readonly sendTaskFailure: (token: string, error?: string, cause?: string) => Result<void, TaskTokenError>;
  readonly sendTaskHeartbeat: (token: string) => Result<void, TaskTokenError>;
  readonly stop: (error?: string, cause?: string) => void;
  readonly history: () => HistoryEvent[];
};

/** An Express workflow runs for at most five minutes. */
const EXPRESS_MAX_SECONDS = 300;
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

const rejected = (error: string, cause: string): ExecutionHandle => {
  const gone = (): Result<void, TaskTokenError> =>
    err({ kind: 'TaskDoesNotExist', message: 'Task does not exist anymore' });
  return {
    result: Promise.resolve({ status: 'FAILED', error, cause, history: [] }),
    sendTaskSuccess: gone,
    sendTaskFailure: gone,
    sendTaskHeartbeat: gone,
    stop: () => {},
    history: () => [],
  };
};

const toMillis = (v: number | Date): number => (v instanceof Date ? v.getTime() : v);

const errorDetails = (error: string | undefined, cause: string | undefined) => ({
  ...(error === undefined || error === '' ? {} : { error }),
  ...(cause === undefined ? {} : { cause }),
});

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
  const inputJson = toJson(input === undefined ? {} : input);
  if (inputJson === undefined) return rejected('InvalidExecutionInput', 'The execution input is not a JSON value');
  if (exceedsPayloadLimit(inputJson.text))
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
  const overrides = options.context ?? {};
  const smName = overrides.StateMachine?.Name ?? 'StateMachine';
  const execName = overrides.Execution?.Name ?? uuid();
  const roleArn =
    overrides.Execution?.RoleArn ?? `arn:aws:iam::${ACCOUNT}:role/service-role/StepFunctions-${smName}-role`;
  const startedAt = new Date(scheduler.now()).toISOString();

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

  const finish = (outcome: { status: ExecutionStatus; output?: Json; error?: string; cause?: string }): void => {
    if (done) return;
    done = true;
    const last: Thread = { last: history.size() };
    if (outcome.status === 'SUCCEEDED')
      record(last, 'ExecutionSucceeded', {
        output: JSON.stringify(outcome.output ?? null),
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
    const result: { -readonly [K in keyof ExecutionResult]: ExecutionResult[K] } = {
      status: outcome.status,
      history: [],
    };
    if (outcome.status === 'SUCCEEDED') result.output = outcome.output ?? null;
    if (outcome.error !== undefined && outcome.error !== '') result.error = outcome.error;
    if (outcome.cause !== undefined) result.cause = outcome.cause;
    // The events become HistoryEvent objects (with Dates) only when someone reads them.
    let events: HistoryEvent[] | undefined;
    Object.defineProperty(result, 'history', {
      enumerable: true,
      get: () => {
        events ??= history.events();
        return events;
      },
    });
    resolveResult(result);
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
    contextExecution: {
      Id:
        overrides.Execution?.Id ??
        `arn:aws:states:${REGION}:${ACCOUNT}:${type === 'EXPRESS' ? 'express' : 'execution'}:${smName}:${execName}`,
      Input: inputJson.json,
      Name: execName,
      RoleArn: roleArn,
      StartTime: overrides.Execution?.StartTime ?? startedAt,
      RedriveCount: overrides.Execution?.RedriveCount ?? 0,
    },
    contextStateMachine: {
      Id: overrides.StateMachine?.Id ?? `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${smName}`,
      Name: smName,
    },
    emit: (frame, type, details) => (frame.cancel.isCancelled() ? undefined : record(frame.thread, type, details)),
    runBranch: (frame, branchInput) => runMachine(exec, frame, branchInput),
  };

  record(rootThread, 'ExecutionStarted', { input: inputJson.text, inputDetails: { truncated: false }, roleArn });
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
  runMachine(exec, frame, inputJson.json).then(
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
