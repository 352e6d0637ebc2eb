import { z } from 'zod';
import { ShippingAddress } from '../shared/address.ts';
import { CustomerId, OrderId } from '../shared/ids.ts';
import { Currency, Money } from '../shared/money.ts';
import { CancellationReason, OrderLine, OrderStatus } from './order.values.ts';

const orderRef = { orderId: OrderId, customerId: CustomerId };

// Events are facts with enough context that a consumer never has to read back.
export const OrderPlaced = z.object({
  type: z.literal('OrderPlaced'),
  ...orderRef,
  lines: z.array(OrderLine).min(1).readonly(),
  currency: Currency,
  total: Money,
  shippingAddress: ShippingAddress,
  paymentToken: z.string().min(1),
  approvalRequired: z.boolean(),
  placedAt: z.iso.datetime(),
});

export const OrderApprovalRequested = z.object({
  type: z.literal('OrderApprovalRequested'),
  ...orderRef,
  total: Money,
});
export const OrderApproved = z.object({ type: z.literal('OrderApproved'), ...orderRef, decidedBy: z.string() });
export const OrderRejected = z.object({ type: z.literal('OrderRejected'), ...orderRef, decidedBy: z.string() });

/** A fact the order's process manager learned from another context (choreography keeps it on the order). */
export const OrderProgressRecorded = z.object({
  type: z.literal('OrderProgressRecorded'),
  ...orderRef,
  step: z.enum(['stock', 'payment']),
  outcome: z.enum(['reserved', 'failed', 'authorized', 'declined']),
});

export const OrderConfirmed = z.object({
  type: z.literal('OrderConfirmed'),
  ...orderRef,
  lines: z.array(OrderLine).min(1).readonly(),
  total: Money,
  confirmedAt: z.iso.datetime(),
});

export const OrderCancelled = z.object({
  type: z.literal('OrderCancelled'),
  ...orderRef,
  reason: CancellationReason,
  /** CONFIRMED here means money was captured and stock committed: consumers refund and restock. */
  previousStatus: OrderStatus,
  lines: z.array(OrderLine).min(1).readonly(),
  total: Money,
  cancelledAt: z.iso.datetime(),
});

export const OrderShippingAddressChanged = z.object({
  type: z.literal('OrderShippingAddressChanged'),
  ...orderRef,
  shippingAddress: ShippingAddress,
});

export const OrderEvent = z.discriminatedUnion('type', [
  OrderPlaced,
  OrderApprovalRequested,
  OrderApproved,
  OrderRejected,
  OrderProgressRecorded,
  OrderConfirmed,
  OrderCancelled,
  OrderShippingAddressChanged,
]);
export type OrderEvent = Readonly<z.infer<typeof OrderEvent>>;
export type OrderPlaced = Readonly<z.infer<typeof OrderPlaced>>;
export type OrderCancelled = Readonly<z.infer<typeof OrderCancelled>>;
