import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { z } from 'zod';
import * as Order from '#domain/order/order.ts';
import type { OrderLine } from '#domain/order/order.values.ts';
import { ShippingAddress } from '#domain/shared/address.ts';
import { CustomerId, OrderId, Sku } from '#domain/shared/ids.ts';
import { Quantity } from '#domain/shared/quantity.ts';
import { parseWith, validationFailed } from '#domain/shared/validation.ts';
import type { CommandContext } from '../context.ts';
import type { Envelopes } from '../envelopes.ts';
import type { AppError } from '../errors.ts';
import type { Catalog, Product } from '../ports/catalog.ts';
import type { Clock } from '../ports/clock.ts';
import type { NewId } from '../ports/id-generator.ts';
import type { IdempotencyStore } from '../ports/idempotency-store.ts';
import type { OrderRepository } from '../ports/order-repository.ts';

export const MAX_ORDER_LINES = 50;

/** What a client may send: no prices, no totals, no customer id (that comes from the token). */
export const PlaceOrderInput = z.strictObject({
  lines: z
    .array(z.strictObject({ sku: Sku, quantity: Quantity }))
    .min(1)
    .max(MAX_ORDER_LINES),
  shippingAddress: ShippingAddress.strict(),
  paymentToken: z.string().regex(/^tok_[A-Za-z0-9_]{1,64}$/, 'must be a payment token (tok_…)'),
});
export type PlaceOrderInput = z.input<typeof PlaceOrderInput>;

export type PlaceOrderDeps = Readonly<{
  orders: OrderRepository;
  catalog: Catalog;
  idempotency: IdempotencyStore;
  envelopes: Envelopes;
  newId: NewId;
  clock: Clock;
  approvalThreshold: number;
  currency: string;
}>;

export type PlaceOrder = (
  input: unknown,
  ctx: CommandContext,
  idempotencyKey?: string,
) => ResultAsync<Order.Order, AppError>;

const priced = (
  lines: readonly { sku: Sku; quantity: number }[],
  products: ReadonlyMap<Sku, Product>,
): ResultAsync<OrderLine[], AppError> => {
  const unknown = lines.flatMap((l, i) =>
    products.has(l.sku) ? [] : [{ path: `lines[${i}].sku`, message: 'unknown SKU' }],
  );
  if (unknown.length > 0) return errAsync(validationFailed(unknown));
  return okAsync(lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: products.get(l.sku)!.price })));
};

export const createPlaceOrder = (deps: PlaceOrderDeps): PlaceOrder => {
  const place = (
    input: z.output<typeof PlaceOrderInput>,
    ctx: CommandContext,
    orderId: OrderId,
  ): ResultAsync<Order.Order, AppError> => {
    const customer = CustomerId.safeParse(ctx.actor?.customerId);
    if (!customer.success) return errAsync({ kind: 'Forbidden', reason: 'a customer places orders' });
    return deps.catalog
      .find(input.lines.map((l) => l.sku))
      .andThen((products) => priced(input.lines, products))
      .andThen((lines) => {
        const decided = Order.apply(
          {
            type: 'PlaceOrder',
            orderId,
            customerId: customer.data,
            lines,
            currency: deps.currency,
            shippingAddress: input.shippingAddress,
            paymentToken: input.paymentToken,
            approvalThreshold: deps.approvalThreshold,
            at: deps.clock().toISOString(),
          },
          undefined,
        );
        if (decided.isErr()) return errAsync<Order.Order, AppError>(decided.error);
        const { events, state } = decided.value;
        return deps.orders
          .save(state!, { expectedVersion: 0, events: deps.envelopes(ctx, events) })
          .map(() => state!)
          .orElse((e) =>
            // A create whose answer was lost, retried: the order is there, and it is this request's.
            e.kind === 'VersionConflict'
              ? deps.orders.load(orderId).andThen((found) => (found ? okAsync(found.state) : errAsync(e)))
              : errAsync(e),
          );
      });
  };
  const newOrderId = () => OrderId.parse(deps.newId());

  return (raw, ctx, idempotencyKey) =>
    parseWith(PlaceOrderInput)(raw).asyncAndThen((input) => {
      if (!idempotencyKey) return place(input, ctx, newOrderId());
      // The key is bound to an order id before anything is written, so however a retry meets the first
      // attempt (finished, failed, or its answer lost), it can only ever place that one order.
      const key = `place-order#${ctx.actor?.customerId ?? ''}#${idempotencyKey}`;
      return deps.idempotency.claim(key, JSON.stringify(input)).andThen((claim) => {
        if (claim.status === 'completed') {
          const orderId = OrderId.parse(claim.result);
          return deps.orders
            .load(orderId)
            .andThen((found) => (found ? okAsync<Order.Order, AppError>(found.state) : place(input, ctx, orderId)));
        }
        const orderId = newOrderId();
        return deps.idempotency
          .complete(key, orderId)
          .orElse((e) => deps.idempotency.release(key).andThen(() => errAsync<void, AppError>(e)))
          .andThen(() => place(input, ctx, orderId));
      });
    });
};
