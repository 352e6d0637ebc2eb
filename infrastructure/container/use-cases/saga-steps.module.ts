import { ContainerModule } from 'inversify';
import { createConfirmOrder } from '#app/use-cases/confirm-order.ts';
import {
  createAuthorizePayment,
  createCapturePayment,
  createRefundPayment,
  createVoidPayment,
} from '#app/use-cases/payment-steps.ts';
import { createRequestApproval } from '#app/use-cases/request-approval.ts';
import {
  createCommitStock,
  createReleaseStock,
  createReserveStock,
  createRestockOrder,
} from '#app/use-cases/stock-steps.ts';
import { TOKENS } from '../tokens.ts';
import { orderDeps, paymentDeps, stockDeps } from './deps.ts';

/** The steps the saga's tasks and the consumers drive (cancelling an order has its own module: a route uses it). */
export const sagaStepsModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.confirmOrder).toDynamicValue((ctx) => createConfirmOrder(orderDeps(ctx)));
  bind(TOKENS.requestApproval).toDynamicValue((ctx) =>
    createRequestApproval({ ...orderDeps(ctx), approvals: ctx.get(TOKENS.approvals) }),
  );
  bind(TOKENS.reserveStock).toDynamicValue((ctx) => createReserveStock(stockDeps(ctx)));
  bind(TOKENS.releaseStock).toDynamicValue((ctx) => createReleaseStock(stockDeps(ctx)));
  bind(TOKENS.commitStock).toDynamicValue((ctx) => createCommitStock(stockDeps(ctx)));
  bind(TOKENS.restockOrder).toDynamicValue((ctx) => createRestockOrder(stockDeps(ctx)));
  bind(TOKENS.authorizePayment).toDynamicValue((ctx) => createAuthorizePayment(paymentDeps(ctx)));
  bind(TOKENS.capturePayment).toDynamicValue((ctx) => createCapturePayment(paymentDeps(ctx)));
  bind(TOKENS.voidPayment).toDynamicValue((ctx) => createVoidPayment(paymentDeps(ctx)));
  bind(TOKENS.refundPayment).toDynamicValue((ctx) => createRefundPayment(paymentDeps(ctx)));
});
