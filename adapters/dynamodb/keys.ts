/**
 * Keys of the single table. Every item has `pk`/`sk` strings: `pk` = `ENTITY#id`, `sk` = the entity name, so
 * one partition holds one aggregate and a console read tells what an item is. Outbox items carry the event id.
 */
export type Key = Readonly<{ pk: string; sk: string }>;

export const entity = {
  order: 'ORDER',
  stock: 'SKU',
  hold: 'HOLD',
  payment: 'PAYMENT',
  outbox: 'OUTBOX',
  idempotency: 'IDEMPOTENCY',
  approval: 'APPROVAL',
} as const;

const key =
  (prefix: string, sk: string) =>
  (id: string): Key => ({ pk: `${prefix}#${id}`, sk });

export const orderKey = key(entity.order, 'ORDER');
export const stockKey = key(entity.stock, 'STOCK');
/** An order's stock hold, keyed by the order id. */
export const holdKey = key(entity.hold, 'HOLD');
export const paymentKey = key(entity.payment, 'PAYMENT');
export const outboxKey = key(entity.outbox, 'OUTBOX');
export const idempotencyKey = key(entity.idempotency, 'IDEMPOTENCY');
export const approvalKey = key(entity.approval, 'APPROVAL');

export const OUTBOX_PREFIX = `${entity.outbox}#`;

/** GSI `gsi1`: a customer's orders, newest first (ISO instants sort as strings once normalized). */
export const customerOrdersKey = (customerId: string, placedAt: string, orderId: string) => ({
  gsi1pk: customerPartition(customerId),
  gsi1sk: `${new Date(placedAt).toISOString()}#${orderId}`,
});

export const customerPartition = (customerId: string) => `CUSTOMER#${customerId}`;
