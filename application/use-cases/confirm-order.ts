import type { ResultAsync } from 'neverthrow';
import type { Order } from '#domain/order/order.ts';
import type { CommandContext } from '../context.ts';
import type { AppError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import { type ChangeOrderDeps, changeOrder } from './change-order.ts';

export type ConfirmOrder = (input: { orderId: string }, ctx: CommandContext) => ResultAsync<Order, AppError>;

export const createConfirmOrder =
  (deps: ChangeOrderDeps & { clock: Clock }): ConfirmOrder =>
  ({ orderId }, ctx) =>
    changeOrder(deps)(orderId, () => ({ type: 'ConfirmOrder', at: deps.clock().toISOString() }), ctx);
