import { errAsync, type ResultAsync } from 'neverthrow';
import type { StockEvent } from '#domain/inventory/stock.events.ts';
import { orderAlreadyCancelled } from '#domain/order/order.errors.ts';
import type { CommandContext } from '../context.ts';
import type { AppError } from '../errors.ts';
import type { OrderRepository } from '../ports/order-repository.ts';
import { type ChangeStockDeps, changeStock } from './change-stock.ts';
import { loadOrder } from './load-order.ts';

export type StockStep = (
  input: { orderId: string },
  ctx: CommandContext,
) => ResultAsync<readonly StockEvent[], AppError>;
type Deps = ChangeStockDeps & { orders: OrderRepository };

const skusOf = (deps: Deps, orderId: string) =>
  loadOrder(deps.orders)(orderId).map(({ state }) => ({ order: state, skus: state.lines.map((l) => l.sku) }));

/** Reserves every line of the order or none. A cancelled order is not reserved for. */
export const createReserveStock =
  (deps: Deps): StockStep =>
  ({ orderId }, ctx) =>
    skusOf(deps, orderId).andThen(({ order, skus }) =>
      order.status === 'CANCELLED'
        ? errAsync(orderAlreadyCancelled(order.id))
        : changeStock(deps)(skus, { type: 'ReserveStock', orderId: order.id, lines: order.lines }, ctx),
    );

/** Compensation: gives the order's reservation back. A no-op when nothing is reserved. */
export const createReleaseStock =
  (deps: Deps): StockStep =>
  ({ orderId }, ctx) =>
    skusOf(deps, orderId).andThen(({ order, skus }) =>
      changeStock(deps)(skus, { type: 'ReleaseStock', orderId: order.id }, ctx),
    );

/** On confirmation the reservation becomes a deduction from on-hand stock. */
export const createCommitStock =
  (deps: Deps): StockStep =>
  ({ orderId }, ctx) =>
    skusOf(deps, orderId).andThen(({ order, skus }) =>
      changeStock(deps)(skus, { type: 'CommitStock', orderId: order.id }, ctx),
    );

/** A confirmed order that is cancelled puts its committed stock back. */
export const createRestockOrder =
  (deps: Deps): StockStep =>
  ({ orderId }, ctx) =>
    skusOf(deps, orderId).andThen(({ order, skus }) =>
      changeStock(deps)(skus, { type: 'RestockOrder', orderId: order.id }, ctx),
    );
