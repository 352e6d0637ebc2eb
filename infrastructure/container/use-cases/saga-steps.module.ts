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
  bind(TOKENS.confirmOrder)
    .toDynamicValue((ctx) => createConfirmOrder(orderDeps(ctx)))
    .inSingletonScope();
  bind(TOKENS.requestApproval)
    .toDynamicValue((ctx) => createRequestApproval({ ...orderDeps(ctx), approvals: ctx.get(TOKENS.approvals) }))
    .inSingletonScope();
  bind(TOKENS.reserveStock)
    .toDynamicValue((ctx) => createReserveStock(stockDeps(ctx)))
    .inSingletonScope();
  bind(TOKENS.releaseStock)
    .toDynamicValue((ctx) => createReleaseStock(stockDeps(ctx)))
    .inSingletonScope();
  bind(TOKENS.commitStock)
    .toDynamicValue((ctx) => createCommitStock(stockDeps(ctx)))
    .inSingletonScope();
  bind(TOKENS.restockOrder)
    .toDynamicValue((ctx) => createRestockOrder(stockDeps(ctx)))
    .inSingletonScope();
  bind(TOKENS.authorizePayment)
    .toDynamicValue((ctx) => createAuthorizePayment(paymentDeps(ctx)))
    .inSingletonScope();
  bind(TOKENS.capturePayment)
    .toDynamicValue((ctx) => createCapturePayment(paymentDeps(ctx)))
    .inSingletonScope();
  bind(TOKENS.voidPayment)
    .toDynamicValue((ctx) => createVoidPayment(paymentDeps(ctx)))
    .inSingletonScope();
  bind(TOKENS.refundPayment)
    .toDynamicValue((ctx) => createRefundPayment(paymentDeps(ctx)))
    .inSingletonScope();
});
