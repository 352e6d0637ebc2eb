import { okAsync } from 'neverthrow';
import {
  type ExecutionHandle,
  type ExecutionResult,
  PENDING,
  startExecution,
  type TaskHandler,
} from '#adapters/stepfunctions/asl/state-machines.ts';
import type { OrderFlow, WorkflowCallbacks } from '#app/ports/order-flow.ts';
import type { Scheduler } from './engines/scheduler.ts';

type Execution = { handle: ExecutionHandle; state: 'running' | 'parked' | 'done'; result?: ExecutionResult };

export type InProcessSagaOptions = Readonly<{
  definition: unknown;
  /** Task handlers by resource (the placeholder-filled ARN) or state name. */
  taskHandlers: Readonly<Record<string, TaskHandler>>;
  scheduler: Scheduler;
  /** 0 = virtual time inside the interpreter; 1 = real time. Timeouts of parked tasks need a scale above 0. */
  waitTimeScale: number;
  approvalTimeoutSeconds: number;
  /**
   * Finished executions kept with their result and history for inspection (all by default, for tests). A
   * long-running server keeps a window; older ones keep only their name, which is all "start twice, run once" needs.
   */
  retainFinished?: number;
}>;

/** Execution names follow Step Functions' rule: 1-80 of [A-Za-z0-9-_]. */
export const executionNameFor = (orderId: string) => orderId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);

/**
 * The orchestration OrderFlow on the local ASL interpreter: the same definition, one execution per order
 * (a second start with the same name is ExecutionAlreadyExists, which counts as success), and the task-token
 * callbacks of `.waitForTaskToken` tasks. A running execution is tracked as work in flight, so the engines'
 * quiescence waits for it; one parked on a token is quiet until the callback arrives.
 */
export const createInProcessSagaFlow = (options: InProcessSagaOptions) => {
  const executions = new Map<string, Execution>();
  const finishedOrder: string[] = [];
  const forgotten = new Set<string>(); // finished executions whose details were let go
  const retain = options.retainFinished ?? Number.POSITIVE_INFINITY;
  const tokenOwner = new Map<string, string>();
  const spans = new Map<string, () => void>();

  const openSpan = (name: string) => {
    if (spans.has(name)) return;
    let close = () => {};
    options.scheduler.track(new Promise<void>((resolve) => (close = resolve)));
    spans.set(name, close);
  };
  const closeSpan = (name: string) => {
    spans.get(name)?.();
    spans.delete(name);
  };

  const wrap =
    (handler: TaskHandler): TaskHandler =>
    async (input, context) => {
      const name = String((context.contextObject as { Execution?: { Name?: string } }).Execution?.Name ?? '');
      const execution = executions.get(name);
      if (execution && execution.state !== 'running') {
        execution.state = 'running';
        openSpan(name);
      }
      const output = await handler(input, context);
      if (output === PENDING && context.taskToken && execution) {
        tokenOwner.set(context.taskToken, name);
        execution.state = 'parked';
        closeSpan(name);
      }
      return output;
    };
  const taskHandlers = Object.fromEntries(Object.entries(options.taskHandlers).map(([k, h]) => [k, wrap(h)]));

  const flow: OrderFlow = {
    start: (placed) => {
      const name = executionNameFor(placed.data.orderId);
      // ExecutionAlreadyExists: started once, runs once.
      if (executions.has(name) || forgotten.has(name)) return okAsync(undefined);
      const input = {
        order: placed.data,
        meta: { correlationId: placed.correlationId, causationId: placed.id },
        approvalTimeoutSeconds: options.approvalTimeoutSeconds,
      };
      openSpan(name);
      // Registered before it starts: a first state that parks at once must find its execution.
      const execution = { state: 'running' } as Execution;
      executions.set(name, execution);
      execution.handle = startExecution(options.definition, input, {
        taskHandlers,
        waitTimeScale: options.waitTimeScale,
        context: { Execution: { Name: name } },
      });
      void execution.handle.result.then((result) => {
        execution.state = 'done';
        execution.result = result;
        closeSpan(name);
        finishedOrder.push(name);
        if (finishedOrder.length > retain) {
          const oldest = finishedOrder.shift() ?? '';
          executions.delete(oldest);
          forgotten.add(oldest);
        }
      });
      return okAsync(undefined);
    },
  };

  const resume = (token: string, send: (h: ExecutionHandle) => unknown) => {
    const name = tokenOwner.get(token);
    const execution = name === undefined ? undefined : executions.get(name);
    // An unknown or finished task is what SendTask* answers with TaskDoesNotExist/TaskTimedOut: nothing to do.
    if (!name || !execution || execution.state === 'done') return okAsync(undefined);
    tokenOwner.delete(token);
    execution.state = 'running';
    openSpan(name);
    send(execution.handle);
    return okAsync(undefined);
  };

  const callbacks: WorkflowCallbacks = {
    succeed: (token, output) => resume(token, (h) => h.sendTaskSuccess(token, output)),
    fail: (token, error, cause) => resume(token, (h) => h.sendTaskFailure(token, error, cause)),
  };

  return {
    flow,
    callbacks,
    executions: (): ReadonlyMap<string, Readonly<Execution>> => executions,
    /** Every execution is finished or waiting on a callback. */
    quiet: () => [...executions.values()].every((e) => e.state !== 'running'),
    /**
     * Shutdown: every unfinished execution is aborted, which cancels its timers (a task parked on an approval
     * holds one for the approval timeout). Without this a stopped system stayed reachable from those timers, and a
     * process that builds many systems (the soak) ran out of memory. Nothing is written: a persistent local run
     * resumes parked orders from their stored state on the next start.
     */
    stop: () => {
      for (const e of executions.values()) if (e.state !== 'done') e.handle.stop();
    },
  };
};
