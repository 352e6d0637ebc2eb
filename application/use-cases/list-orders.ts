import { errAsync, type ResultAsync } from 'neverthrow';
import { z } from 'zod';
import type { Order } from '#domain/order/order.ts';
import { OrderStatus } from '#domain/order/order.values.ts';
import { parseWith } from '#domain/shared/validation.ts';
import type { CommandContext } from '../context.ts';
import type { AppError } from '../errors.ts';
import type { OrderRepository } from '../ports/order-repository.ts';
import type { Page } from '../ports/versioned.ts';

export const ListOrdersInput = z.strictObject({
  status: OrderStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2048).optional(),
});

export type ListOrders = (query: unknown, ctx: CommandContext) => ResultAsync<Page<Order>, AppError>;

/** A customer's own orders, newest first, optionally by status, a page at a time. */
export const createListOrders =
  ({ orders }: { orders: OrderRepository }): ListOrders =>
  (query, ctx) => {
    const customerId = ctx.actor?.customerId;
    if (!customerId) return errAsync({ kind: 'Forbidden', reason: 'only a customer lists orders' });
    return parseWith(ListOrdersInput)(query).asyncAndThen(({ status, limit, cursor }) =>
      orders.listByCustomer({ customerId, limit, ...(status && { status }), ...(cursor && { cursor }) }),
    );
  };
