import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { orderNotFound } from '#domain/order/order.errors.ts';
import type { Order } from '#domain/order/order.ts';
import { type Actor, isAdmin } from '../context.ts';
import type { AppError } from '../errors.ts';
import type { OrderRepository } from '../ports/order-repository.ts';
import type { Versioned } from '../ports/versioned.ts';

/** A customer sees only their own orders: someone else's is "not found", so existence is not revealed. */
export const visibleTo = (order: Order, actor: Actor | undefined): boolean =>
  actor === undefined || isAdmin(actor) || order.customerId === actor.customerId;

export const loadOrder =
  (orders: OrderRepository) =>
  (orderId: string, actor?: Actor): ResultAsync<Versioned<Order>, AppError> =>
    orders
      .load(orderId)
      .andThen((found) =>
        found && visibleTo(found.state, actor)
          ? okAsync(found)
          : errAsync<Versioned<Order>, AppError>(orderNotFound(orderId)),
      );
