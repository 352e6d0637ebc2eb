import { err, ok, type Result } from 'neverthrow';
import type { ShippingAddress } from '../shared/address.ts';
import { assertNever } from '../shared/assert-never.ts';
import type { CustomerId, OrderId } from '../shared/ids.ts';
import { type Currency, type Money, multiply, sum } from '../shared/money.ts';
import type { OrderCommand, PlaceOrder } from './order.commands.ts';
import {
  approvalNotPending,
  type OrderError,
  orderAlreadyCancelled,
  orderAlreadyExists,
  orderNotEditable,
  orderNotFound,
} from './order.errors.ts';
import type { OrderEvent } from './order.events.ts';
import type { CancellationReason, OrderLine, OrderStatus } from './order.values.ts';

export type Approval = 'NOT_REQUIRED' | 'REQUIRED' | 'REQUESTED' | 'APPROVED' | 'REJECTED';
export type StockProgress = 'pending' | 'reserved' | 'failed';
export type PaymentProgress = 'pending' | 'authorized' | 'declined';

export type Order = Readonly<{
  id: OrderId;
  customerId: CustomerId;
  lines: readonly OrderLine[];
  currency: Currency;
  total: Money;
  shippingAddress: ShippingAddress;
  paymentToken: string;
  status: OrderStatus;
  cancellationReason?: CancellationReason;
  approval: Approval;
  progress: Readonly<{ stock: StockProgress; payment: PaymentProgress }>;
  placedAt: string;
  updatedAt: string;
}>;

/** An order that has not been placed yet has no state. */
export type OrderState = Order | undefined;

export const lineTotal = (line: OrderLine): Money => multiply(line.unitPrice, line.quantity);

const place = (c: PlaceOrder): Result<OrderEvent[], OrderError> => {
  const currencies = [...new Set([c.currency, ...c.lines.map((l) => l.unitPrice.currency)])];
  if (currencies.length > 1) return err({ kind: 'CurrencyMismatch', orderId: c.orderId, currencies });
  const total = sum(c.lines.map(lineTotal), c.currency);
  return ok([
    {
      type: 'OrderPlaced',
      orderId: c.orderId,
      customerId: c.customerId,
      lines: c.lines,
      currency: c.currency,
      total,
      shippingAddress: c.shippingAddress,
      paymentToken: c.paymentToken,
      approvalRequired: total.amount >= c.approvalThreshold,
      placedAt: c.at,
    },
  ]);
};

const isOpen = (o: Order) => o.status === 'PENDING' || o.status === 'AWAITING_APPROVAL';
const canConfirm = (o: Order) => o.approval === 'NOT_REQUIRED' || o.approval === 'APPROVED';

export const decide = (c: OrderCommand, s: OrderState): Result<OrderEvent[], OrderError> => {
  if (c.type === 'PlaceOrder') return s ? err(orderAlreadyExists(c.orderId)) : place(c);
  if (!s) return err(orderNotFound('unknown'));
  const ref = { orderId: s.id, customerId: s.customerId };
  switch (c.type) {
    case 'RequestApproval':
      if (s.status === 'CANCELLED') return err(orderAlreadyCancelled(s.id));
      if (s.approval === 'REQUESTED') return ok([]); // retried saga step
      if (s.status !== 'PENDING' || s.approval !== 'REQUIRED') return err(approvalNotPending(s.id, s.status));
      return ok([{ type: 'OrderApprovalRequested', ...ref, total: s.total }]);
    case 'DecideApproval': {
      const wanted = c.decision === 'approve' ? 'APPROVED' : 'REJECTED';
      if (s.approval === wanted) return ok([]); // same decision twice: nothing new
      if (s.status !== 'AWAITING_APPROVAL' || s.approval !== 'REQUESTED') {
        return err(approvalNotPending(s.id, s.status));
      }
      return ok([
        { type: c.decision === 'approve' ? 'OrderApproved' : 'OrderRejected', ...ref, decidedBy: c.decidedBy },
      ]);
    }
    case 'RecordProgress':
      return s.progress[c.step] === c.outcome
        ? ok([])
        : ok([{ type: 'OrderProgressRecorded', ...ref, step: c.step, outcome: c.outcome }]);
    case 'ConfirmOrder':
      if (s.status === 'CONFIRMED') return ok([]);
      if (s.status === 'CANCELLED') return err(orderAlreadyCancelled(s.id));
      if (!canConfirm(s)) return err({ kind: 'ApprovalRequired', orderId: s.id });
      return ok([{ type: 'OrderConfirmed', ...ref, lines: s.lines, total: s.total, confirmedAt: c.at }]);
    case 'CancelOrder':
      if (s.status === 'CANCELLED') return ok([]); // compensations are retried: cancelling twice is a no-op
      return ok([
        {
          type: 'OrderCancelled',
          ...ref,
          reason: c.reason,
          previousStatus: s.status,
          lines: s.lines,
          total: s.total,
          cancelledAt: c.at,
        },
      ]);
    case 'ChangeShippingAddress':
      if (!isOpen(s)) return err(orderNotEditable(s.id, s.status));
      return ok([{ type: 'OrderShippingAddressChanged', ...ref, shippingAddress: c.shippingAddress }]);
    default:
      return assertNever(c);
  }
};

export const evolve = (s: OrderState, e: OrderEvent): OrderState => {
  if (e.type === 'OrderPlaced') {
    return {
      id: e.orderId,
      customerId: e.customerId,
      lines: e.lines,
      currency: e.currency,
      total: e.total,
      shippingAddress: e.shippingAddress,
      paymentToken: e.paymentToken,
      status: 'PENDING',
      approval: e.approvalRequired ? 'REQUIRED' : 'NOT_REQUIRED',
      progress: { stock: 'pending', payment: 'pending' },
      placedAt: e.placedAt,
      updatedAt: e.placedAt,
    };
  }
  if (!s) return s; // events for an order we never saw cannot change anything
  switch (e.type) {
    case 'OrderApprovalRequested':
      return { ...s, status: 'AWAITING_APPROVAL', approval: 'REQUESTED' };
    case 'OrderApproved':
      return { ...s, approval: 'APPROVED' };
    case 'OrderRejected':
      return { ...s, approval: 'REJECTED' };
    case 'OrderProgressRecorded':
      return { ...s, progress: { ...s.progress, [e.step]: e.outcome } };
    case 'OrderConfirmed':
      return { ...s, status: 'CONFIRMED', updatedAt: e.confirmedAt };
    case 'OrderCancelled':
      return { ...s, status: 'CANCELLED', cancellationReason: e.reason, updatedAt: e.cancelledAt };
    case 'OrderShippingAddressChanged':
      return { ...s, shippingAddress: e.shippingAddress };
    default:
      return assertNever(e);
  }
};

/** Applies a command: the events it yields and the state they lead to. */
export const apply = (
  c: OrderCommand,
  s: OrderState,
): Result<{ events: OrderEvent[]; state: OrderState }, OrderError> =>
  decide(c, s).map((events) => ({ events, state: events.reduce(evolve, s) }));
