import type { ResultAsync } from 'neverthrow';
import type { Unavailable } from '../errors.ts';

/** Task tokens of workflows waiting for a human decision, by order id. Tokens never appear in URLs. */
export type ApprovalTokens = Readonly<{
  put: (orderId: string, taskToken: string) => ResultAsync<void, Unavailable>;
  get: (orderId: string) => ResultAsync<string | undefined, Unavailable>;
  remove: (orderId: string) => ResultAsync<void, Unavailable>;
}>;
