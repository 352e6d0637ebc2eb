import type { OrderId } from '../shared/ids.ts';
import type { Money } from '../shared/money.ts';

/** What the card processor answered to an authorization request. */
export type AuthorizationOutcome =
  | Readonly<{ outcome: 'approved'; reference: string }>
  | Readonly<{ outcome: 'declined'; reason: string }>;

export type RecordAuthorization = Readonly<{
  type: 'RecordAuthorization';
  orderId: OrderId;
  amount: Money;
  result: AuthorizationOutcome;
}>;
export type CapturePayment = Readonly<{ type: 'CapturePayment' }>;
export type VoidPayment = Readonly<{ type: 'VoidPayment' }>;
export type RefundPayment = Readonly<{ type: 'RefundPayment' }>;

export type PaymentCommand = RecordAuthorization | CapturePayment | VoidPayment | RefundPayment;
