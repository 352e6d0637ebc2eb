import { copyJson } from '../json-copy.ts';
import type { Json } from '../types.ts';
import type { TaskContext } from './exec.ts';
import { contextObject } from './state-io.ts';
import { type Attempt, armHeartbeat, workOf } from './task-attempt.ts';

/**
 * What a handler gets as its second argument. A class, unlike the rest of this adapter: an object
 * literal with a getter is built through V8's slow path and cost ~60 µs per task in the benchmark;
 * prototype accessors and methods cost nothing per instance.
 */
export class HandlerContext implements TaskContext {
  readonly stateName: string;
  readonly resource: string;
  readonly taskToken?: string;
  readonly retryCount: number;
  readonly #attempt: Attempt;
  constructor(a: Attempt) {
    this.#attempt = a;
    this.stateName = a.ctx.name;
    this.resource = a.resource;
    if (a.token !== undefined) this.taskToken = a.token;
    this.retryCount = a.ctx.retryCount;
  }
  /** A copy, like the input: the context object holds the execution's own values ($$.Execution.Input). */
  get contextObject(): Json {
    const a = this.#attempt;
    return copyJson(contextObject(a.ctx, a.token === undefined ? undefined : { token: a.token }));
  }
  heartbeat(): void {
    armHeartbeat(this.#attempt);
  }
  sleep(seconds: number): Promise<void> {
    const a = this.#attempt;
    if (a.settled) return Promise.resolve();
    const signal = this.signal;
    return new Promise<void>((done) => {
      const work = workOf(a);
      work.suspend();
      const timer = a.ctx.exec.scheduler.setTimer(seconds * 1000, () => {
        work.resume();
        done();
      });
      signal.addEventListener('abort', () => {
        timer.cancel();
        work.resume();
        done();
      });
    });
  }
  /** Created on first use: most handlers never look at it. */
  get signal(): AbortSignal {
    const a = this.#attempt;
    a.abort ??= new AbortController();
    if (a.settled) a.abort.abort();
    return a.abort.signal;
  }
}
