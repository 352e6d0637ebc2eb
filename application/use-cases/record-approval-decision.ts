import { errAsync, type ResultAsync } from 'neverthrow';
import { z } from 'zod';
import type { Order } from '#domain/order/order.ts';
import { parseWith } from '#domain/shared/validation.ts';
import { type CommandContext, isAdmin } from '../context.ts';
import type { AppError } from '../errors.ts';
import { type ChangeOrderDeps, changeOrder } from './change-order.ts';

export const ApprovalDecisionInput = z.strictObject({ decision: z.enum(['approve', 'reject']) });

export type RecordApprovalDecision = (
  orderId: string,
  input: unknown,
  ctx: CommandContext,
) => ResultAsync<Order, AppError>;

/**
 * An admin approves or rejects. The decision is stored as OrderApproved / OrderRejected; the flow learns it
 * from that event (the saga through its task token, choreography through its process manager).
 */
export const createRecordApprovalDecision =
  (deps: ChangeOrderDeps): RecordApprovalDecision =>
  (orderId, input, ctx) => {
    if (!isAdmin(ctx.actor)) return errAsync({ kind: 'Forbidden', reason: 'only an admin decides approvals' });
    return parseWith(ApprovalDecisionInput)(input).asyncAndThen(({ decision }) =>
      changeOrder(deps)(
        orderId,
        () => ({ type: 'DecideApproval', decision, decidedBy: ctx.actor?.customerId ?? 'admin' }),
        ctx,
      ),
    );
  };
