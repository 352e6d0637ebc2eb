import type { ResultAsync } from 'neverthrow';
import type { Order } from '#domain/order/order.ts';
import type { CommandContext } from '../context.ts';
import type { AppError } from '../errors.ts';
import type { OrderRepository } from '../ports/order-repository.ts';
import { loadOrder } from './load-order.ts';

export type GetOrder = (orderId: string, ctx: CommandContext) => ResultAsync<Order, AppError>;

export const createGetOrder =
  ({ orders }: { orders: OrderRepository }): GetOrder =>
  (orderId, ctx) =>
    loadOrder(orders)(orderId, ctx.actor).map(({ state }) => state);
