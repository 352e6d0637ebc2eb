import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ok, ResultAsync } from 'neverthrow';
import type { OrderRepository } from '#app/ports/order-repository.ts';
import { itemTypes, parseOrderItem } from './items.ts';
import { customerOrdersKey, orderKey } from './keys.ts';
import { listOrdersByCustomer } from './order-list.ts';
import { toUnavailable } from './sdk-errors.ts';
import { type TableConfig, writeWithOutbox } from './transact.ts';

/**
 * Orders in the single table: `ORDER#<id>` with the state, its version and the gsi1 keys for the
 * customer's listing. `save` is one transaction with the outbox items of its events.
 */
export const createDynamoOrderRepository = (config: TableConfig): OrderRepository => ({
  load: (orderId) =>
    ResultAsync.fromPromise(
      config.client.send(new GetCommand({ TableName: config.tableName, Key: orderKey(orderId), ConsistentRead: true })),
      toUnavailable,
    ).andThen(({ Item }) => (Item ? parseOrderItem(Item) : ok(undefined))),

  save: (order, { expectedVersion, events }) =>
    writeWithOutbox(
      config,
      [
        {
          id: order.id,
          key: orderKey(order.id),
          type: itemTypes.order,
          state: order,
          expectedVersion,
          attributes: customerOrdersKey(order.customerId, order.placedAt, order.id),
        },
      ],
      events,
    ).map(() => expectedVersion + 1),

  listByCustomer: listOrdersByCustomer(config),
});
