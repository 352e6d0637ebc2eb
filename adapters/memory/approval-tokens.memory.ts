import { okAsync } from 'neverthrow';
import type { ApprovalTokens } from '#app/ports/approval-tokens.ts';

export const createMemoryApprovalTokens = (tokens = new Map<string, string>()): ApprovalTokens => ({
  put: (orderId, taskToken) => {
    tokens.set(orderId, taskToken);
    return okAsync(undefined);
  },
  get: (orderId) => okAsync(tokens.get(orderId)),
  remove: (orderId) => {
    tokens.delete(orderId);
    return okAsync(undefined);
  },
});
