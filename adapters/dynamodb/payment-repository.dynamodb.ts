import type { PaymentRepository } from '#app/ports/payment-repository.ts';
import { itemTypes, parsePaymentItem } from './items.ts';
import { paymentKey } from './keys.ts';
import { loadAggregate } from './load-aggregate.ts';
import { type TableConfig, writeWithOutbox } from './transact.ts';

/** One payment per order as `PAYMENT#<orderId>`, saved with its outbox items in one transaction. */
export const createDynamoPaymentRepository = (config: TableConfig): PaymentRepository => ({
  load: (orderId) => loadAggregate(config, paymentKey(orderId), parsePaymentItem),

  save: (payment, { expectedVersion, events }) =>
    writeWithOutbox(
      config,
      [
        {
          id: payment.orderId,
          key: paymentKey(payment.orderId),
          type: itemTypes.payment,
          state: payment,
          expectedVersion,
        },
      ],
      events,
    ).map(() => expectedVersion + 1),
});
