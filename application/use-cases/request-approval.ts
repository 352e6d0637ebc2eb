import { okAsync, type ResultAsync } from 'neverthrow';
import type { Order } from '#domain/order/order.ts';
import type { CommandContext } from '../context.ts';
import type { AppError } from '../errors.ts';
import type { ApprovalTokens } from '../ports/approval-tokens.ts';
import { type ChangeOrderDeps, changeOrder } from './change-order.ts';

export type RequestApproval = (
  input: { orderId: string; taskToken?: string },
  ctx: CommandContext,
) => ResultAsync<Order, AppError>;

/** Stores the workflow's task token first, so a decision can always find it once the order shows AWAITING_APPROVAL. */
export const createRequestApproval =
  (deps: ChangeOrderDeps & { approvals: ApprovalTokens }): RequestApproval =>
  ({ orderId, taskToken }, ctx) =>
    (taskToken ? deps.approvals.put(orderId, taskToken) : okAsync(undefined)).andThen(() =>
      changeOrder(deps)(orderId, () => ({ type: 'RequestApproval' }), ctx),
    );
