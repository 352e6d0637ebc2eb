import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { err, ok, ResultAsync } from 'neverthrow';
import { type Unavailable, unavailable } from '#app/errors.ts';
import type { WorkflowCallbacks } from '#app/ports/order-flow.ts';

/**
 * The task is over: it was already completed (TaskDoesNotExist covers both "never existed" and "finished or
 * its execution ended"), it timed out, or the token is not one Step Functions knows. A callback cannot change
 * any of that, and retrying would fail the same way forever, so the answer is "done", not an error.
 */
const TASK_ALREADY_FINISHED = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

// SendTaskFailure limits: error ≤ 256 characters, cause ≤ 32,768.
const MAX_ERROR = 256;
const MAX_CAUSE = 32_768;

export type TaskState = 'alive' | 'finished';

export type StepFunctionsCallbacks = WorkflowCallbacks &
  Readonly<{
    /** Keeps a long task alive; 'finished' tells the worker to stop, because nobody waits for its answer. */
    heartbeat: (taskToken: string) => ResultAsync<TaskState, Unavailable>;
  }>;

const isFinished = (e: unknown): boolean => e instanceof Error && TASK_ALREADY_FINISHED.has(e.name);

const send = (promise: Promise<unknown>): ResultAsync<TaskState, Unavailable> =>
  ResultAsync.fromPromise(promise, (e) => e)
    .map((): TaskState => 'alive')
    .orElse((e) => (isFinished(e) ? ok<TaskState>('finished') : err(unavailable('stepfunctions', e))));

export const createStepFunctionsCallbacks = ({ client }: { client: SFNClient }): StepFunctionsCallbacks => ({
  succeed: (taskToken, output) =>
    send(client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output ?? null) }))).map(
      () => undefined,
    ),
  fail: (taskToken, error, cause) =>
    send(
      client.send(
        new SendTaskFailureCommand({ taskToken, error: error.slice(0, MAX_ERROR), cause: cause.slice(0, MAX_CAUSE) }),
      ),
    ).map(() => undefined),
  heartbeat: (taskToken) => send(client.send(new SendTaskHeartbeatCommand({ taskToken }))),
});
