import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { orderAlreadyCancelled } from '#domain/order/order.errors.ts';
import type { Order } from '#domain/order/order.ts';
import type { PaymentCommand } from '#domain/payment/payment.commands.ts';
import type { Payment, PaymentState } from '#domain/payment/payment.ts';
import type { CommandContext } from '../context.ts';
import type { AppError } from '../errors.ts';
import type { OrderRepository } from '../ports/order-repository.ts';
import type { PaymentProvider } from '../ports/payment-provider.ts';
import { type ChangePaymentDeps, changePayment } from './change-payment.ts';
import { loadOrder } from './load-order.ts';

export type PaymentStep = (input: { orderId: string }, ctx: CommandContext) => ResultAsync<PaymentState, AppError>;
type Deps = ChangePaymentDeps & { orders: OrderRepository; provider: PaymentProvider };

const openOrder = (deps: Deps, orderId: string): ResultAsync<Order, AppError> =>
  loadOrder(deps.orders)(orderId).andThen(({ state }) =>
    state.status === 'CANCELLED' ? errAsync(orderAlreadyCancelled(state.id)) : okAsync(state),
  );

const reference = (p: PaymentState) => p?.reference ?? '';

/** Asks the processor once per order; a declined card is PaymentDeclined, stored as a PaymentDeclined event. */
export const createAuthorizePayment =
  (deps: Deps): PaymentStep =>
  ({ orderId }, ctx) =>
    openOrder(deps, orderId).andThen((order) =>
      changePayment(deps)(
        orderId,
        (current) =>
          current
            ? okAsync<PaymentCommand, AppError>({
                type: 'RecordAuthorization',
                orderId: order.id,
                amount: order.total,
                result: { outcome: 'approved', reference: reference(current) },
              })
            : deps.provider
                .authorize({
                  idempotencyKey: `authorize#${orderId}`,
                  amount: order.total,
                  paymentToken: order.paymentToken,
                })
                .map(
                  (result): PaymentCommand => ({
                    type: 'RecordAuthorization',
                    orderId: order.id,
                    amount: order.total,
                    result,
                  }),
                ),
        () => okAsync(undefined),
        ctx,
      ).andThen((payment) =>
        payment?.status === 'DECLINED'
          ? errAsync<PaymentState, AppError>({
              kind: 'PaymentDeclined',
              orderId: order.id,
              reason: payment.declineReason ?? '',
            })
          : okAsync(payment),
      ),
    );

const step =
  (
    type: 'CapturePayment' | 'VoidPayment' | 'RefundPayment',
    call: (deps: Deps, p: Payment, orderId: string) => ResultAsync<void, AppError>,
    guard: (deps: Deps, orderId: string) => ResultAsync<unknown, AppError>,
  ) =>
  (deps: Deps): PaymentStep =>
  ({ orderId }, ctx) =>
    guard(deps, orderId).andThen(() =>
      changePayment(deps)(
        orderId,
        () => okAsync({ type }),
        (current) => (current ? call(deps, current, orderId) : okAsync(undefined)),
        ctx,
      ),
    );

const anyOrder = (deps: Deps, orderId: string) => loadOrder(deps.orders)(orderId);

/** Takes the money; never for a cancelled order. */
export const createCapturePayment = step(
  'CapturePayment',
  (deps, p, orderId) =>
    deps.provider.capture({ idempotencyKey: `capture#${orderId}`, reference: reference(p), amount: p.amount }),
  openOrder,
);
/** Compensation: drops an authorization that was never captured. */
export const createVoidPayment = step(
  'VoidPayment',
  (deps, p, orderId) => deps.provider.void({ idempotencyKey: `void#${orderId}`, reference: reference(p) }),
  anyOrder,
);
/** Compensation: gives captured money back, all of it. */
export const createRefundPayment = step(
  'RefundPayment',
  (deps, p, orderId) =>
    deps.provider.refund({ idempotencyKey: `refund#${orderId}`, reference: reference(p), amount: p.amount }),
  anyOrder,
);
