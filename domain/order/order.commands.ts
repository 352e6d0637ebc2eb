import type { ShippingAddress } from '../shared/address.ts';
import type { CustomerId, OrderId } from '../shared/ids.ts';
import type { Currency } from '../shared/money.ts';
import type { CancellationReason, OrderLine } from './order.values.ts';

export type PlaceOrder = Readonly<{
  type: 'PlaceOrder';
  orderId: OrderId;
  customerId: CustomerId;
  lines: readonly OrderLine[];
  currency: Currency;
  shippingAddress: ShippingAddress;
  paymentToken: string;
  /** Orders whose total is at or above this amount (minor units) wait for a human. */
  approvalThreshold: number;
  at: string;
}>;
export type RequestApproval = Readonly<{ type: 'RequestApproval' }>;
export type DecideApproval = Readonly<{ type: 'DecideApproval'; decision: 'approve' | 'reject'; decidedBy: string }>;
export type RecordProgress = Readonly<{
  type: 'RecordProgress';
  step: 'stock' | 'payment';
  outcome: 'reserved' | 'failed' | 'authorized' | 'declined';
}>;
export type ConfirmOrder = Readonly<{ type: 'ConfirmOrder'; at: string }>;
export type CancelOrder = Readonly<{ type: 'CancelOrder'; reason: CancellationReason; at: string }>;
export type ChangeShippingAddress = Readonly<{ type: 'ChangeShippingAddress'; shippingAddress: ShippingAddress }>;

export type OrderCommand =
  | PlaceOrder
  | RequestApproval
  | DecideApproval
  | RecordProgress
  | ConfirmOrder
  | CancelOrder
  | ChangeShippingAddress;
