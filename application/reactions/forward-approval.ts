import { okAsync } from 'neverthrow';
import type { ApprovalTokens } from '../ports/approval-tokens.ts';
import type { WorkflowCallbacks } from '../ports/order-flow.ts';
import type { Reaction } from './once.ts';
import { orderIdOf } from './order-facts.ts';

/**
 * Orchestration only: the decision on an order (or its cancellation) completes the saga's waiting task through
 * the stored task token — success for an approval, failure otherwise, so the saga's Catch compensates.
 */
export const createForwardApproval =
  ({ approvals, callbacks }: { approvals: ApprovalTokens; callbacks: WorkflowCallbacks }): Reaction =>
  (event) => {
    const orderId = orderIdOf(event);
    if (!orderId) return okAsync(undefined);
    return approvals.get(orderId).andThen((token) => {
      if (!token) return okAsync(undefined);
      const sent =
        event.data.type === 'OrderApproved'
          ? callbacks.succeed(token, { decision: 'approve' })
          : event.data.type === 'OrderRejected'
            ? callbacks.fail(token, 'OrderRejected', `order ${orderId} was rejected`)
            : callbacks.fail(token, 'OrderAlreadyCancelled', `order ${orderId} was cancelled`);
      return sent.andThen(() => approvals.remove(orderId));
    });
  };
