import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { EventEnvelope } from '#domain/events.ts';
import type { RecordProgress } from '#domain/order/order.commands.ts';
import { type FlowStep, nextSteps } from '#domain/order/order.process.ts';
import type { CommandContext } from '../context.ts';
import { type AppError, isTransient } from '../errors.ts';
import type { CancelOrder } from '../use-cases/cancel-order.ts';
import { type ChangeOrderDeps, changeOrder } from '../use-cases/change-order.ts';
import type { ConfirmOrder } from '../use-cases/confirm-order.ts';
import { loadOrder } from '../use-cases/load-order.ts';
import type { PaymentStep } from '../use-cases/payment-steps.ts';
import type { RequestApproval } from '../use-cases/request-approval.ts';
import type { StockStep } from '../use-cases/stock-steps.ts';
import type { Reaction } from './once.ts';
import { causedBy, orderIdOf } from './order-facts.ts';

export type AdvanceOrderDeps = ChangeOrderDeps &
  Readonly<{
    requestApproval: RequestApproval;
    capturePayment: PaymentStep;
    confirmOrder: ConfirmOrder;
    releaseStock: StockStep;
    voidPayment: PaymentStep;
    cancelOrder: CancelOrder;
  }>;

const progressFrom = (event: EventEnvelope): Omit<RecordProgress, 'type'> | undefined => {
  switch (event.data.type) {
    case 'StockReserved':
      return { step: 'stock', outcome: 'reserved' };
    case 'StockReservationFailed':
      return { step: 'stock', outcome: 'failed' };
    case 'PaymentAuthorized':
      return { step: 'payment', outcome: 'authorized' };
    case 'PaymentDeclined':
      return { step: 'payment', outcome: 'declined' };
    default:
      return undefined; // OrderApproved / OrderRejected are already on the order
  }
};

/**
 * Choreography's order process manager: records the fact on the order, then runs the steps the domain says
 * come next. Business refusals (the order was cancelled meanwhile) end the run; transient errors go back to
 * the queue for a retry, which is safe because every step is idempotent.
 */
export const createAdvanceOrder = (deps: AdvanceOrderDeps): Reaction => {
  const run = (step: FlowStep, orderId: string, ctx: CommandContext): ResultAsync<unknown, AppError> => {
    switch (step.type) {
      case 'RequestApproval':
        return deps.requestApproval({ orderId }, ctx);
      case 'CapturePayment':
        return deps.capturePayment({ orderId }, ctx);
      case 'ConfirmOrder':
        return deps.confirmOrder({ orderId }, ctx);
      case 'ReleaseStock':
        return deps.releaseStock({ orderId }, ctx);
      case 'VoidPayment':
        return deps.voidPayment({ orderId }, ctx);
      case 'CancelOrder':
        return deps.cancelOrder({ orderId, reason: step.reason }, ctx);
    }
  };
  return (event) => {
    const orderId = orderIdOf(event);
    if (!orderId) return okAsync(undefined);
    const ctx = causedBy(event);
    const progress = progressFrom(event);
    const recorded = progress
      ? changeOrder(deps)(orderId, () => ({ type: 'RecordProgress', ...progress }), ctx)
      : loadOrder(deps.orders)(orderId).map(({ state }) => state);
    return recorded
      .andThen((order) =>
        nextSteps(order).reduce<ResultAsync<unknown, AppError>>(
          (previous, step) => previous.andThen(() => run(step, orderId, ctx)),
          okAsync(undefined),
        ),
      )
      .orElse((e) => (isTransient(e) ? errAsync(e) : okAsync(undefined)));
  };
};
