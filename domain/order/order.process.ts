import type { Order } from './order.ts';
import type { CancellationReason } from './order.values.ts';

export type FlowStep =
  | Readonly<{ type: 'RequestApproval' | 'CapturePayment' | 'ConfirmOrder' | 'ReleaseStock' | 'VoidPayment' }>
  | Readonly<{ type: 'CancelOrder'; reason: CancellationReason }>;

const failureReason = (o: Order): CancellationReason | undefined =>
  o.progress.stock === 'failed'
    ? 'OUT_OF_STOCK'
    : o.progress.payment === 'declined'
      ? 'PAYMENT_DECLINED'
      : o.approval === 'REJECTED'
        ? 'REJECTED'
        : undefined;

/**
 * Choreography's process manager: from the facts the order has seen, what happens next.
 * Both positive → (approval if required) → capture → confirm. Any negative → compensate the positive
 * one, in reverse order, then cancel with the reason. Every step is idempotent, so re-running is safe.
 */
export const nextSteps = (o: Order): readonly FlowStep[] => {
  if (o.status === 'CONFIRMED' || o.status === 'CANCELLED') return [];
  const reason = failureReason(o);
  if (reason) {
    return [
      ...(o.progress.payment === 'authorized' ? [{ type: 'VoidPayment' } as const] : []),
      ...(o.progress.stock === 'reserved' ? [{ type: 'ReleaseStock' } as const] : []),
      { type: 'CancelOrder', reason },
    ];
  }
  if (o.progress.stock !== 'reserved' || o.progress.payment !== 'authorized') return [];
  if (o.approval === 'REQUIRED') return [{ type: 'RequestApproval' }];
  if (o.approval === 'REQUESTED') return [];
  return [{ type: 'CapturePayment' }, { type: 'ConfirmOrder' }];
};
