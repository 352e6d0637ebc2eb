import { ContainerModule, type ResolutionContext } from 'inversify';
import { createEnvelopes } from '#app/envelopes.ts';
import { createCancelOrder } from '#app/use-cases/cancel-order.ts';
import { createConfirmOrder } from '#app/use-cases/confirm-order.ts';
import { createGetOrder } from '#app/use-cases/get-order.ts';
import { createListOrders } from '#app/use-cases/list-orders.ts';
import { createListProducts } from '#app/use-cases/list-products.ts';
import {
  createAuthorizePayment,
  createCapturePayment,
  createRefundPayment,
  createVoidPayment,
} from '#app/use-cases/payment-steps.ts';
import { createPlaceOrder } from '#app/use-cases/place-order.ts';
import { createRecordApprovalDecision } from '#app/use-cases/record-approval-decision.ts';
import { createRequestApproval } from '#app/use-cases/request-approval.ts';
import {
  createCommitStock,
  createReleaseStock,
  createReserveStock,
  createRestockOrder,
} from '#app/use-cases/stock-steps.ts';
import { createUpdateShippingAddress } from '#app/use-cases/update-shipping-address.ts';
import { TOKENS } from './tokens.ts';

const orderDeps = (ctx: ResolutionContext) => ({
  orders: ctx.get(TOKENS.orders),
  envelopes: ctx.get(TOKENS.envelopes),
  clock: ctx.get(TOKENS.clock),
  pause: ctx.get(TOKENS.pause),
});
const stockDeps = (ctx: ResolutionContext) => ({
  orders: ctx.get(TOKENS.orders),
  stock: ctx.get(TOKENS.stock),
  envelopes: ctx.get(TOKENS.envelopes),
  pause: ctx.get(TOKENS.pause),
});
const paymentDeps = (ctx: ResolutionContext) => ({
  orders: ctx.get(TOKENS.orders),
  payments: ctx.get(TOKENS.payments),
  provider: ctx.get(TOKENS.provider),
  envelopes: ctx.get(TOKENS.envelopes),
  pause: ctx.get(TOKENS.pause),
});

/** Builds every use case from the ports some other module bound (memory, aws or local). */
export const useCasesModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.envelopes)
    .toDynamicValue((ctx) => createEnvelopes({ newId: ctx.get(TOKENS.newId), clock: ctx.get(TOKENS.clock) }))
    .inSingletonScope();
  bind(TOKENS.placeOrder)
    .toDynamicValue((ctx) =>
      createPlaceOrder({
        ...orderDeps(ctx),
        catalog: ctx.get(TOKENS.catalog),
        idempotency: ctx.get(TOKENS.idempotency),
        newId: ctx.get(TOKENS.newId),
        ...ctx.get(TOKENS.config),
      }),
    )
    .inSingletonScope();
  bind(TOKENS.getOrder)
    .toDynamicValue((ctx) => createGetOrder(orderDeps(ctx)))
    .inSingletonScope();
  bind(TOKENS.listOrders)
    .toDynamicValue((ctx) => createListOrders(orderDeps(ctx)))
    .inSingletonScope();
  bind(TOKENS.updateShippingAddress)
    .toDynamicValue((ctx) => createUpdateShippingAddress(orderDeps(ctx)))
    .inSingletonScope();
  bind(TOKENS.cancelOrder)
    .toDynamicValue((ctx) => createCancelOrder(orderDeps(ctx)))
    .inSingletonScope();
  bind(TOKENS.confirmOrder)
    .toDynamicValue((ctx) => createConfirmOrder(orderDeps(ctx)))
    .inSingletonScope();
  bind(TOKENS.requestApproval)
    .toDynamicValue((ctx) => createRequestApproval({ ...orderDeps(ctx), approvals: ctx.get(TOKENS.approvals) }))
    .inSingletonScope();
  bind(TOKENS.recordApprovalDecision)
    .toDynamicValue((ctx) => createRecordApprovalDecision(orderDeps(ctx)))
    .inSingletonScope();
  bind(TOKENS.listProducts)
    .toDynamicValue((ctx) => createListProducts({ catalog: ctx.get(TOKENS.catalog), stock: ctx.get(TOKENS.stock) }))
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
