import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { OrderCommand } from '#domain/order/order.commands.ts';
import * as Order from '#domain/order/order.ts';
import type { Actor, CommandContext } from '../context.ts';
import type { Envelopes } from '../envelopes.ts';
import type { AppError } from '../errors.ts';
import type { OrderRepository } from '../ports/order-repository.ts';
import type { Pause } from '../ports/pause.ts';
import { retryOnConflict } from '../retry-on-conflict.ts';
import { loadOrder } from './load-order.ts';

export type ChangeOrderDeps = Readonly<{ orders: OrderRepository; envelopes: Envelopes; pause: Pause }>;

/**
 * The one write path for an existing order: load → decide → save state and events atomically,
 * conditional on the version; on a lost race, load and decide again.
 */
export const changeOrder =
  ({ orders, envelopes, pause }: ChangeOrderDeps) =>
  (
    orderId: string,
    command: (order: Order.Order) => OrderCommand,
    ctx: CommandContext,
    actor?: Actor,
  ): ResultAsync<Order.Order, AppError> =>
    retryOnConflict(
      () =>
        loadOrder(orders)(orderId, actor).andThen(({ state, version }) => {
          const decided = Order.apply(command(state), state);
          if (decided.isErr()) return errAsync<Order.Order, AppError>(decided.error);
          const { events, state: next } = decided.value;
          if (events.length === 0 || !next) return okAsync<Order.Order, AppError>(state);
          return orders.save(next, { expectedVersion: version, events: envelopes(ctx, events) }).map(() => next);
        }),
      { pause, jitterKey: ctx.causationId },
    );
