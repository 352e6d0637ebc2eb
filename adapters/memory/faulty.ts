import { errAsync, ResultAsync } from 'neverthrow';
import type { Unavailable } from '#app/errors.ts';

/** When to fail a call: before it runs (a timeout), or after a write ran (a lost acknowledgement). */
export type FaultDecision = (key: string, phase: 'before' | 'after') => boolean;

const unavailable = (dependency: string, message: string): Unavailable => ({
  kind: 'Unavailable',
  dependency,
  message,
});

/**
 * Wraps every ResultAsync-returning function of a port with injected transient faults, for the fault-injection
 * model tests: the caller sees Unavailable either instead of the call, or after it took effect. Nothing else
 * changes, so whatever survives this survives a flaky network.
 */
export const withFaults = <T extends object>(name: string, port: T, decide: FaultDecision): T =>
  Object.fromEntries(
    Object.entries(port).map(([method, fn]) => {
      if (typeof fn !== 'function') return [method, fn];
      const wrapped = (...args: unknown[]) => {
        const key = `${name}.${method}:${JSON.stringify(args).slice(0, 300)}`;
        if (decide(key, 'before')) return errAsync(unavailable(name, `injected: ${method} timed out`));
        const result = (fn as (...a: unknown[]) => unknown)(...args);
        if (!(result instanceof ResultAsync)) return result;
        return result.andThen((value) =>
          decide(key, 'after')
            ? errAsync(unavailable(name, `injected: ${method} answer lost`))
            : ResultAsync.fromSafePromise(Promise.resolve(value)),
        );
      };
      return [method, wrapped];
    }),
  ) as T;
