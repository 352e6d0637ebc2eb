import { States } from './errors.ts';
import type { Catcher, Retrier } from './types.ts';

// Error matching for Retry and Catch, and the retry delay computation.
//  - States.Runtime is never retried nor caught: it always fails the execution.
//  - States.DataLimitExceeded is terminal for States.ALL, but an explicit name still matches it.
//  - States.TaskFailed matches any error except the timeouts.
//  - States.Timeout also matches States.HeartbeatTimeout (a heartbeat timeout is a task timeout).

const TIMEOUTS = new Set<string>([States.Timeout, States.HeartbeatTimeout]);

export const errorMatches = (errorEquals: readonly string[], error: string): boolean => {
  if (error === States.Runtime) return false;
  return errorEquals.some((name) => {
    if (name === error) return true;
    if (error === States.DataLimitExceeded) return false;
    if (name === States.ALL) return true;
    if (name === States.TaskFailed) return !TIMEOUTS.has(error);
    if (name === States.Timeout) return error === States.HeartbeatTimeout;
    return false;
  });
};

export const RETRY_DEFAULTS = { IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 } as const;

/**
 * The delay before retry number `attempt + 1` of a retrier (attempt counts this retrier's earlier
 * retries within the current state visit), or undefined once MaxAttempts is spent.
 * Backoff grows by BackoffRate, is capped by MaxDelaySeconds, then FULL jitter draws in [0, delay).
 */
export const retryDelaySeconds = (retrier: Retrier, attempt: number, random: () => number): number | undefined => {
  const maxAttempts = retrier.MaxAttempts ?? RETRY_DEFAULTS.MaxAttempts;
  if (attempt >= maxAttempts) return undefined;
  const base =
    (retrier.IntervalSeconds ?? RETRY_DEFAULTS.IntervalSeconds) *
    (retrier.BackoffRate ?? RETRY_DEFAULTS.BackoffRate) ** attempt;
  const capped = retrier.MaxDelaySeconds === undefined ? base : Math.min(base, retrier.MaxDelaySeconds);
  return retrier.JitterStrategy === 'FULL' ? random() * capped : capped;
};

export const findRetrier = (retry: readonly Retrier[] | undefined, error: string): number =>
  retry === undefined ? -1 : retry.findIndex((r) => errorMatches(r.ErrorEquals, error));

export const findCatcher = (katch: readonly Catcher[] | undefined, error: string): Catcher | undefined =>
  katch?.find((c) => errorMatches(c.ErrorEquals, error));
