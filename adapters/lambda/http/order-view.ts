import type { Order } from '#domain/order/order.ts';

/**
 * The order as the HTTP contract shows it. The local runtime and outside clients rely on these names:
 * rename nothing here without versioning the API. The payment token stays inside.
 */
export type OrderView = Readonly<{
  orderId: string;
  status: Order['status'];
  cancellationReason?: NonNullable<Order['cancellationReason']>;
  customerId: string;
  lines: readonly Readonly<{
    sku: string;
    quantity: number;
    unitPrice: Readonly<{ amount: number; currency: string }>;
  }>[];
  total: Readonly<{ amount: number; currency: string }>;
  shippingAddress: Order['shippingAddress'];
  approvalRequired: boolean;
  createdAt: string;
  updatedAt: string;
}>;

export const toOrderView = (order: Order): OrderView => ({
  orderId: order.id,
  status: order.status,
  ...(order.cancellationReason && { cancellationReason: order.cancellationReason }),
  customerId: order.customerId,
  lines: order.lines.map((l) => ({
    sku: l.sku,
    quantity: l.quantity,
    unitPrice: { amount: l.unitPrice.amount, currency: l.unitPrice.currency },
  })),
  total: { amount: order.total.amount, currency: order.total.currency },
  shippingAddress: order.shippingAddress,
  approvalRequired: order.approval !== 'NOT_REQUIRED',
  createdAt: order.placedAt,
  updatedAt: order.updatedAt,
});
