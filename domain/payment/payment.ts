import { err, ok, type Result } from 'neverthrow';
import { assertNever } from '../shared/assert-never.ts';
import type { OrderId } from '../shared/ids.ts';
import type { Money } from '../shared/money.ts';
import type { PaymentCommand } from './payment.commands.ts';
import type { PaymentError } from './payment.errors.ts';
import type { PaymentEvent } from './payment.events.ts';

export type PaymentStatus = 'AUTHORIZED' | 'DECLINED' | 'CAPTURED' | 'VOIDED' | 'REFUNDED';

/** One payment per order. captured − refunded is always 0 or the amount, never anything else. */
export type Payment = Readonly<{
  orderId: OrderId;
  amount: Money;
  status: PaymentStatus;
  reference?: string;
  declineReason?: string;
  captured: number;
  refunded: number;
}>;
export type PaymentState = Payment | undefined;

const notFound = (): PaymentError => ({ kind: 'PaymentNotFound', orderId: '' });

export const decide = (c: PaymentCommand, s: PaymentState): Result<PaymentEvent[], PaymentError> => {
  if (c.type === 'RecordAuthorization') {
    if (s) return ok([]); // the processor is asked once per order; a retry learns the recorded outcome
    return ok([
      c.result.outcome === 'approved'
        ? { type: 'PaymentAuthorized', orderId: c.orderId, amount: c.amount, reference: c.result.reference }
        : { type: 'PaymentDeclined', orderId: c.orderId, amount: c.amount, reason: c.result.reason },
    ]);
  }
  // Compensations run after any failure, so on a missing or settled payment they are no-ops.
  const ref = s && { orderId: s.orderId, amount: s.amount };
  switch (c.type) {
    case 'CapturePayment':
      if (!s || !ref) return err(notFound());
      if (s.status === 'CAPTURED') return ok([]);
      if (s.status !== 'AUTHORIZED') return err({ kind: 'PaymentNotCapturable', orderId: s.orderId, status: s.status });
      return ok([{ type: 'PaymentCaptured', ...ref }]);
    case 'VoidPayment':
      return ok(s?.status === 'AUTHORIZED' && ref ? [{ type: 'PaymentVoided', ...ref }] : []);
    case 'RefundPayment':
      return ok(s?.status === 'CAPTURED' && ref ? [{ type: 'PaymentRefunded', ...ref }] : []);
    default:
      return assertNever(c);
  }
};

export const evolve = (s: PaymentState, e: PaymentEvent): PaymentState => {
  switch (e.type) {
    case 'PaymentAuthorized':
      return {
        orderId: e.orderId,
        amount: e.amount,
        status: 'AUTHORIZED',
        reference: e.reference,
        captured: 0,
        refunded: 0,
      };
    case 'PaymentDeclined':
      return {
        orderId: e.orderId,
        amount: e.amount,
        status: 'DECLINED',
        declineReason: e.reason,
        captured: 0,
        refunded: 0,
      };
    case 'PaymentCaptured':
      return s && { ...s, status: 'CAPTURED', captured: e.amount.amount };
    case 'PaymentVoided':
      return s && { ...s, status: 'VOIDED' };
    case 'PaymentRefunded':
      return s && { ...s, status: 'REFUNDED', refunded: e.amount.amount };
    default:
      return assertNever(e);
  }
};

export const netCaptured = (s: Payment): Money => ({ amount: s.captured - s.refunded, currency: s.amount.currency });

/** What a compensation must do to give the money back: void an authorization, refund a capture, or nothing. */
export const compensation = (s: PaymentState): 'VoidPayment' | 'RefundPayment' | undefined =>
  s?.status === 'AUTHORIZED' ? 'VoidPayment' : s?.status === 'CAPTURED' ? 'RefundPayment' : undefined;
