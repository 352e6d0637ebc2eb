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

/** Methods, not function properties: the table is a class (call them on it). */
export type TaskTokens = {
  issue(): string;
  open(token: string, task: PendingTask): void;
  close(token: string, outcome: 'completed' | 'timedOut'): void;
  closeAll(): void;
  sendSuccess(token: string, output: unknown): Result<void, TaskTokenError>;
  sendFailure(token: string, error?: string, cause?: string): Result<void, TaskTokenError>;
  sendHeartbeat(token: string): Result<void, TaskTokenError>;
};

const PREFIX = 'AQCEAAAAKgAAAA';

/**
 * A class with maps created on first use: one table is built per execution and most executions
 * never issue a token, so an execution pays for neither closures per method nor empty maps.
 */
class TokenTable implements TaskTokens {
  readonly #uuid: () => string;
  #open: Map<string, PendingTask> | undefined;
  #closed: Map<string, 'completed' | 'timedOut'> | undefined;
  constructor(uuid: () => string) {
    this.#uuid = uuid;
  }
  #find(token: string): Result<PendingTask, TaskTokenError> {
    if (typeof token !== 'string' || !token.startsWith(PREFIX) || token.length > 2048) {
      return err({ kind: 'InvalidToken', message: 'Invalid token' });
    }
    const task = this.#open?.get(token);
    if (task !== undefined) return ok(task);
    return this.#closed?.get(token) === 'timedOut'
      ? err({ kind: 'TaskTimedOut', message: 'Task Timed Out' })
      : err({ kind: 'TaskDoesNotExist', message: 'Task does not exist anymore' });
  }
  issue(): string {
    return `${PREFIX}${Buffer.from(this.#uuid()).toString('base64url')}`;
  }
  open(token: string, task: PendingTask): void {
    this.#open ??= new Map();
    this.#open.set(token, task);
  }
  close(token: string, outcome: 'completed' | 'timedOut'): void {
    if (this.#open?.delete(token)) {
      this.#closed ??= new Map();
      this.#closed.set(token, outcome);
    }
  }
  closeAll(): void {
    const open = this.#open;
    if (open === undefined) return;
    this.#closed ??= new Map();
    for (const token of open.keys()) this.#closed.set(token, 'completed');
    open.clear();
  }
  sendSuccess(token: string, output: unknown): Result<void, TaskTokenError> {
    return this.#find(token).andThen((task) => {
      const json = toJson(output);
      if (json === undefined) return err({ kind: 'InvalidOutput', message: 'The output is not a JSON value' } as const);
      task.succeed(json.json);
      return ok(undefined);
    });
  }
  sendFailure(token: string, error?: string, cause?: string): Result<void, TaskTokenError> {
    return this.#find(token).andThen((task) => {
      task.fail(error, cause);
      return ok(undefined);
    });
  }
  sendHeartbeat(token: string): Result<void, TaskTokenError> {
    return this.#find(token).andThen((task) => {
      task.heartbeat();
      return ok(undefined);
    });
  }
}

export const createTaskTokens = (uuid: () => string): TaskTokens => new TokenTable(uuid);
