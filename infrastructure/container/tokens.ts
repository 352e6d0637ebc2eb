import type { ServiceIdentifier } from 'inversify';
import type { Envelopes } from '#app/envelopes.ts';
import type { ApprovalTokens } from '#app/ports/approval-tokens.ts';
import type { Catalog } from '#app/ports/catalog.ts';
import type { Clock } from '#app/ports/clock.ts';
import type { NewId } from '#app/ports/id-generator.ts';
import type { IdempotencyStore } from '#app/ports/idempotency-store.ts';
import type { AnalyticsSink, Notifier } from '#app/ports/notifier.ts';
import type { OrderFlow, WorkflowCallbacks } from '#app/ports/order-flow.ts';
import type { OrderRepository } from '#app/ports/order-repository.ts';
import type { Pause } from '#app/ports/pause.ts';
import type { PaymentProvider } from '#app/ports/payment-provider.ts';
import type { PaymentRepository } from '#app/ports/payment-repository.ts';
import type { StockRepository } from '#app/ports/stock-repository.ts';
import type { CancelOrder } from '#app/use-cases/cancel-order.ts';
import type { ConfirmOrder } from '#app/use-cases/confirm-order.ts';
import type { GetOrder } from '#app/use-cases/get-order.ts';
import type { ListOrders } from '#app/use-cases/list-orders.ts';
import type { ListProducts } from '#app/use-cases/list-products.ts';
import type { PaymentStep } from '#app/use-cases/payment-steps.ts';
import type { PlaceOrder } from '#app/use-cases/place-order.ts';
import type { RecordApprovalDecision } from '#app/use-cases/record-approval-decision.ts';
import type { RequestApproval } from '#app/use-cases/request-approval.ts';
import type { StockStep } from '#app/use-cases/stock-steps.ts';
import type { UpdateShippingAddress } from '#app/use-cases/update-shipping-address.ts';

export type OrderingConfig = Readonly<{ approvalThreshold: number; currency: string }>;

const token = <T>(name: string) => Symbol.for(`orderly.${name}`) as ServiceIdentifier<T>;

/** One typed token per port and use case: explicit, so no decorator metadata is ever needed. */
export const TOKENS = {
  config: token<OrderingConfig>('Config'),
  clock: token<Clock>('Clock'),
  pause: token<Pause>('Pause'),
  newId: token<NewId>('NewId'),
  envelopes: token<Envelopes>('Envelopes'),
  orders: token<OrderRepository>('OrderRepository'),
  stock: token<StockRepository>('StockRepository'),
  payments: token<PaymentRepository>('PaymentRepository'),
  provider: token<PaymentProvider>('PaymentProvider'),
  catalog: token<Catalog>('Catalog'),
  idempotency: token<IdempotencyStore>('IdempotencyStore'),
  approvals: token<ApprovalTokens>('ApprovalTokens'),
  orderFlow: token<OrderFlow>('OrderFlow'),
  callbacks: token<WorkflowCallbacks>('WorkflowCallbacks'),
  notifier: token<Notifier>('Notifier'),
  analytics: token<AnalyticsSink>('AnalyticsSink'),

  placeOrder: token<PlaceOrder>('PlaceOrder'),
  getOrder: token<GetOrder>('GetOrder'),
  listOrders: token<ListOrders>('ListOrders'),
  updateShippingAddress: token<UpdateShippingAddress>('UpdateShippingAddress'),
  cancelOrder: token<CancelOrder>('CancelOrder'),
  confirmOrder: token<ConfirmOrder>('ConfirmOrder'),
  requestApproval: token<RequestApproval>('RequestApproval'),
  recordApprovalDecision: token<RecordApprovalDecision>('RecordApprovalDecision'),
  listProducts: token<ListProducts>('ListProducts'),
  reserveStock: token<StockStep>('ReserveStock'),
  releaseStock: token<StockStep>('ReleaseStock'),
  commitStock: token<StockStep>('CommitStock'),
  restockOrder: token<StockStep>('RestockOrder'),
  authorizePayment: token<PaymentStep>('AuthorizePayment'),
  capturePayment: token<PaymentStep>('CapturePayment'),
  voidPayment: token<PaymentStep>('VoidPayment'),
  refundPayment: token<PaymentStep>('RefundPayment'),
} as const;
