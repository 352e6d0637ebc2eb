import { err, ok, type Result } from 'neverthrow';
import { toJson } from '../json.ts';
import type { Json } from '../types.ts';

// Task tokens for `.waitForTaskToken` resources and activities, answered by SendTaskSuccess,
// SendTaskFailure and SendTaskHeartbeat. Errors carry the API's exception names.

export type TaskTokenError =
  | { kind: 'InvalidToken'; message: string }
  | { kind: 'TaskDoesNotExist'; message: string }
  | { kind: 'TaskTimedOut'; message: string }
  | { kind: 'InvalidOutput'; message: string };

export type PendingTask = {
  readonly succeed: (output: Json) => void;
  readonly fail: (error: string | undefined, cause: string | undefined) => void;
  readonly heartbeat: () => void;
};

export type TaskTokens = {
  readonly issue: () => string;
  readonly open: (token: string, task: PendingTask) => void;
  readonly close: (token: string, outcome: 'completed' | 'timedOut') => void;
  readonly closeAll: () => void;
  readonly sendSuccess: (token: string, output: unknown) => Result<void, TaskTokenError>;
  readonly sendFailure: (token: string, error?: string, cause?: string) => Result<void, TaskTokenError>;
  readonly sendHeartbeat: (token: string) => Result<void, TaskTokenError>;
};

const PREFIX = 'AQCEAAAAKgAAAA';

export const createTaskTokens = (uuid: () => string): TaskTokens => {
  const open = new Map<string, PendingTask>();
  const closed = new Map<string, 'completed' | 'timedOut'>();

  const find = (token: string): Result<PendingTask, TaskTokenError> => {
    if (typeof token !== 'string' || !token.startsWith(PREFIX) || token.length > 2048) {
      return err({ kind: 'InvalidToken', message: 'Invalid token' });
    }
    const task = open.get(token);
    if (task !== undefined) return ok(task);
    return closed.get(token) === 'timedOut'
      ? err({ kind: 'TaskTimedOut', message: 'Task Timed Out' })
      : err({ kind: 'TaskDoesNotExist', message: 'Task does not exist anymore' });
  };

  return {
    issue: () => `${PREFIX}${Buffer.from(uuid()).toString('base64url')}`,
    open: (token, task) => {
      open.set(token, task);
    },
    close: (token, outcome) => {
      if (open.delete(token)) closed.set(token, outcome);
    },
    closeAll: () => {
      for (const token of open.keys()) closed.set(token, 'completed');
      open.clear();
    },
    sendSuccess: (token, output) =>
      find(token).andThen((task) => {
        const json = toJson(output);
        if (json === undefined)
          return err({ kind: 'InvalidOutput', message: 'The output is not a JSON value' } as const);
        task.succeed(json.json);
        return ok(undefined);
      }),
    sendFailure: (token, error, cause) =>
      find(token).andThen((task) => {
        task.fail(error, cause);
        return ok(undefined);
      }),
    sendHeartbeat: (token) =>
      find(token).andThen((task) => {
        task.heartbeat();
        return ok(undefined);
      }),
  };
};
