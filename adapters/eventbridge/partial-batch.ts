/**
 * Shared by the batch senders (EventBridge PutEvents, SQS SendMessageBatch): split entries into requests
 * within the service's count and byte limits, and resend only the entries a response reports as failed,
 * with exponential backoff, until they succeed, fail for good, or run out of attempts.
 */

export type EntryFailure = Readonly<{ code: string; message: string; retryable: boolean }>;

/** One request; resolves (never rejects) with the entries that failed. Entries not listed succeeded. */
export type SendOnce<E> = (entries: readonly E[]) => Promise<ReadonlyMap<E, EntryFailure>>;

export type RetryPolicy = Readonly<{
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}>;

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Exponential backoff with "equal jitter": half the step is fixed, half random, so retries spread out. */
export const backoffMs = (policy: RetryPolicy, retry: number): number => {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + (step / 2) * policy.random());
};

export type FinalFailure<E> = Readonly<{ entry: E; failure: EntryFailure; attempts: number }>;

export const sendRetryingFailed = async <E>(
  entries: readonly E[],
  send: SendOnce<E>,
  policy: RetryPolicy,
): Promise<FinalFailure<E>[]> => {
  const final: FinalFailure<E>[] = [];
  let pending = entries;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const failed = await send(pending);
    const retry: E[] = [];
    for (const entry of pending) {
      const failure = failed.get(entry);
      if (!failure) continue;
      if (failure.retryable && attempt < policy.maxAttempts) retry.push(entry);
      else final.push({ entry, failure, attempts: attempt });
    }
    pending = retry;
    if (pending.length > 0) await policy.sleep(backoffMs(policy, attempt));
  }
  return final;
};

/** Greedy split in order: at most `maxCount` entries and `maxBytes` bytes per request. */
export const chunkBy = <E>(entries: readonly E[], maxCount: number, maxBytes: number, sizeOf: (e: E) => number) => {
  const chunks: E[][] = [];
  let current: E[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = sizeOf(entry);
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'KmsThrottled',
  'ProvisionedThroughputExceededException',
  'InternalException',
  'InternalFailure',
  'InternalError',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
]);

/** A thrown SDK or network error worth another try: throttling, 5xx, timeouts, dropped connections. */
export const isTransientError = (e: unknown): boolean => {
  if (typeof e !== 'object' || e === null) return false;
  const { name, code, $metadata, $retryable } = e as {
    name?: unknown;
    code?: unknown;
    $metadata?: { httpStatusCode?: number };
    $retryable?: unknown;
  };
  return (
    (typeof name === 'string' && TRANSIENT_NAMES.has(name)) ||
    (typeof code === 'string' && TRANSIENT_NAMES.has(code)) ||
    $retryable !== undefined ||
    ($metadata?.httpStatusCode ?? 0) >= 500
  );
};

export const errorName = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'name' in e && typeof e.name === 'string' ? e.name : 'Error';

export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Every entry of a request failed the same way (the call itself threw). */
export const allFailed = <E>(entries: readonly E[], e: unknown): ReadonlyMap<E, EntryFailure> => {
  const failure = { code: errorName(e), message: errorMessage(e), retryable: isTransientError(e) };
  return new Map(entries.map((entry) => [entry, failure]));
};
