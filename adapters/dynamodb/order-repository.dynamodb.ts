import type { OrderRepository } from '#app/ports/order-repository.ts';
import { itemTypes, parseOrderItem } from './items.ts';
import { customerOrdersKey, orderKey } from './keys.ts';
import { loadAggregate } from './load-aggregate.ts';
import { listOrdersByCustomer } from './order-list.ts';
import { type TableConfig, writeWithOutbox } from './transact.ts';

/**
 * Orders in the single table: `ORDER#<id>` with the state, its version and the gsi1 keys for the
 * customer's listing. `save` is one transaction with the outbox items of its events.
 */
export const createDynamoOrderRepository = (config: TableConfig): OrderRepository => ({
  load: (orderId) => loadAggregate(config, orderKey(orderId), parseOrderItem),

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
