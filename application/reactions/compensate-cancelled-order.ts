import { okAsync } from 'neverthrow';
import type { OrderRepository } from '../ports/order-repository.ts';
import type { PaymentStep } from '../use-cases/payment-steps.ts';
import type { StockStep } from '../use-cases/stock-steps.ts';
import type { Reaction } from './once.ts';
import { causedBy, orderIdOf } from './order-facts.ts';

export type CompensationDeps = Readonly<{
  orders: OrderRepository;
  releaseStock: StockStep;
  restockOrder: StockStep;
  voidPayment: PaymentStep;
  refundPayment: PaymentStep;
}>;

/**
 * Whatever is still held for a cancelled order goes back: reservation released, committed stock restocked,
 * authorization voided, capture refunded. It runs on OrderCancelled and again on every late fact about a
 * cancelled order (a reservation or payment that finished after the cancel), in both flows, so a race between
 * a customer's cancel and a running step always ends with nothing held. Every step is a no-op when done.
 */
export const createCompensateCancelledOrder =
  (deps: CompensationDeps): Reaction =>
  (event) => {
    const orderId = orderIdOf(event);
    if (!orderId) return okAsync(undefined);
    const ctx = causedBy(event);
    return deps.orders.load(orderId).andThen((found) =>
      found?.state.status !== 'CANCELLED'
        ? okAsync(undefined)
        : deps
            .releaseStock({ orderId }, ctx)
            .andThen(() => deps.restockOrder({ orderId }, ctx))
            .andThen(() => deps.voidPayment({ orderId }, ctx))
            .andThen(() => deps.refundPayment({ orderId }, ctx))
            .map(() => undefined),
    );
  };
