import type {
  BusEvent,
  BusStats,
  BusTarget,
  DeadLetterMessage,
  DroppedDelivery,
  ExhaustedRetryCondition,
} from './event-bus.types.ts';
import type { Scheduler } from './scheduler.ts';

/** EventBridge's defaults for a rule target: 185 retries, 24 hours. */
export const DEFAULT_RETRY_ATTEMPTS = 185;
export const DEFAULT_MAX_EVENT_AGE_SECONDS = 86_400;

/**
 * EventBridge documents "exponential back off and jitter" without the constants. With base 1 s, a
 * 10 min cap and equal jitter, 185 retries take about 22 h, so the default limits (185 tries, 24 h)
 * are reached at about the same time, as the documentation implies.
 */
export type Backoff = { baseDelayMs: number; maxDelayMs: number };
export const DEFAULT_BACKOFF: Backoff = { baseDelayMs: 1000, maxDelayMs: 600_000 };

export const backoffDelay = (retry: number, { baseDelayMs, maxDelayMs }: Backoff, random: () => number) => {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(retry - 1, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
};

type Deps = {
  scheduler: Scheduler;
  stats: BusStats;
  dropped: DroppedDelivery[];
  random: () => number;
  backoff: Backoff;
};

const describe = (e: unknown) => {
  const o = typeof e === 'object' && e !== null ? (e as { code?: unknown; name?: unknown; message?: unknown }) : {};
  const code =
    typeof o.code === 'string' ? o.code : typeof o.name === 'string' && o.name !== 'Error' ? o.name : undefined;
  return {
    errorCode: code ?? 'TargetInvocationFailed',
    errorMessage: typeof o.message === 'string' ? o.message : String(e),
    // EventBridge does not retry some failures (missing target, no permission): they go straight to the DLQ.
    retryable: (o as { retryable?: unknown }).retryable !== false,
  };
};

/** At-least-once delivery of one event to one target: async, retried with backoff, then DLQ or drop. */
export const createDelivery = ({ scheduler, stats, dropped, random, backoff }: Deps) => {
  const giveUp = async (message: DeadLetterMessage, target: BusTarget) => {
    if (target.deadLetter) {
      try {
        await target.deadLetter(message);
        stats.deadLettered++;
        return;
      } catch (e) {
        stats.dropped++;
        dropped.push({
          ...message,
          reason: 'DeadLetterFailed',
          errorMessage: `${message.errorMessage}; DLQ: ${describe(e).errorMessage}`,
        });
        return;
      }
    }
    stats.dropped++;
    dropped.push({ ...message, reason: 'NoDeadLetterQueue' });
  };

  return (event: BusEvent, ruleName: string, target: BusTarget) => {
    stats.matched++;
    const acceptedAt = scheduler.now();
    const maxRetries = target.retryPolicy?.maximumRetryAttempts ?? DEFAULT_RETRY_ATTEMPTS;
    const maxAgeMs = (target.retryPolicy?.maximumEventAgeInSeconds ?? DEFAULT_MAX_EVENT_AGE_SECONDS) * 1000;

    const attempt = async (attempts: number): Promise<void> => {
      let failure: ReturnType<typeof describe>;
      try {
        const input = target.inputTransform ? target.inputTransform(event) : event;
        await target.invoke(input);
        stats.delivered++;
        return;
      } catch (e) {
        failure = describe(e);
      }
      const base = {
        event,
        ruleName,
        targetId: target.id,
        attempts,
        errorCode: failure.errorCode,
        errorMessage: failure.errorMessage,
      };
      if (!failure.retryable) return giveUp(base, target);
      const exhausted = (condition: ExhaustedRetryCondition) =>
        giveUp({ ...base, exhaustedRetryCondition: condition }, target);
      if (attempts - 1 >= maxRetries) return exhausted('MaximumRetryAttempts');
      const delay = backoffDelay(attempts, backoff, random);
      if (scheduler.now() + delay - acceptedAt > maxAgeMs) return exhausted('MaximumEventAgeInSeconds');
      stats.retried++;
      scheduler.schedule(delay, () => attempt(attempts + 1));
    };
    scheduler.schedule(0, () => attempt(1));
  };
};
