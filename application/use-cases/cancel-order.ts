import type { ResultAsync } from 'neverthrow';
import { z } from 'zod';
import type { Order } from '#domain/order/order.ts';
import { CancellationReason } from '#domain/order/order.values.ts';
import { parseWith } from '#domain/shared/validation.ts';
import type { CommandContext } from '../context.ts';
import type { AppError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import { type ChangeOrderDeps, changeOrder } from './change-order.ts';

export const CancelOrderInput = z.strictObject({ orderId: z.string().min(1), reason: CancellationReason });

export type CancelOrder = (input: unknown, ctx: CommandContext) => ResultAsync<Order, AppError>;

/**
 * Cancels with a reason. Compensation is not done here: OrderCancelled is a fact that the compensation
 * consumer turns into released stock and voided or refunded money (a confirmed order refunds and restocks),
 * and a running saga fails its next step on the cancelled order and compensates.
 */
export const createCancelOrder =
  (deps: ChangeOrderDeps & { clock: Clock }): CancelOrder =>
  (input, ctx) =>
    parseWith(CancelOrderInput)(input).asyncAndThen(({ orderId, reason }) =>
      changeOrder(deps)(
        orderId,
        () => ({ type: 'CancelOrder', reason, at: deps.clock().toISOString() }),
        ctx,
        ctx.actor,
      ),
    );
