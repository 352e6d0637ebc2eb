import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ok, ResultAsync } from 'neverthrow';
import type { PaymentRepository } from '#app/ports/payment-repository.ts';
import { itemTypes, parsePaymentItem } from './items.ts';
import { paymentKey } from './keys.ts';
import { toUnavailable } from './sdk-errors.ts';
import { type TableConfig, writeWithOutbox } from './transact.ts';

/** One payment per order as `PAYMENT#<orderId>`, saved with its outbox items in one transaction. */
export const createDynamoPaymentRepository = (config: TableConfig): PaymentRepository => ({
  load: (orderId) =>
    ResultAsync.fromPromise(
      config.client.send(
        new GetCommand({ TableName: config.tableName, Key: paymentKey(orderId), ConsistentRead: true }),
      ),
      toUnavailable,
    ).andThen(({ Item }) => (Item ? parsePaymentItem(Item) : ok(undefined))),

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
