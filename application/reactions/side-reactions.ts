import { okAsync } from 'neverthrow';
import type { AnalyticsSink, Notifier } from '../ports/notifier.ts';
import type { Reaction } from './once.ts';
import { orderIdOf } from './order-facts.ts';

/** Tells the customer their order was confirmed or cancelled (at-least-once; the dedupe key is the event id). */
export const createNotifyCustomer =
  ({ notifier }: { notifier: Notifier }): Reaction =>
  (event) =>
    event.data.type === 'OrderConfirmed' || event.data.type === 'OrderCancelled'
      ? notifier.notify({
          channel: 'customer',
          recipient: String(event.data.customerId),
          subject:
            event.data.type === 'OrderConfirmed'
              ? `Order ${event.data.orderId} is confirmed`
              : `Order ${event.data.orderId} was cancelled (${event.data.reason})`,
          dedupeKey: event.id,
        })
      : okAsync(undefined);

/** Every order event, as a fact for analytics. */
export const createRecordAnalytics =
  ({ analytics }: { analytics: AnalyticsSink }): Reaction =>
  (event) => {
    const orderId = orderIdOf(event);
    const amount = 'total' in event.data ? event.data.total.amount : undefined;
    return analytics.record({
      type: event.type,
      at: event.time,
      ...(orderId && { orderId }),
      ...(amount !== undefined && { amount }),
    });
  };

/** High-value orders (the rule's numeric pattern picks them) go to the risk team for a look. */
export const createFraudCheck =
  ({ notifier }: { notifier: Notifier }): Reaction =>
  (event) =>
    event.data.type === 'OrderPlaced'
      ? notifier.notify({
          channel: 'risk',
          recipient: 'risk-team',
          subject: `Review order ${event.data.orderId}: ${event.data.total.amount} ${event.data.total.currency}`,
          dedupeKey: event.id,
        })
      : okAsync(undefined);
