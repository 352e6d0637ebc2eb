import { errAsync, okAsync } from 'neverthrow';
import type { OrderRepository } from '#app/ports/order-repository.ts';
import type { Order } from '#domain/order/order.ts';
import { validationFailed } from '#domain/shared/validation.ts';
import type { MemoryOutbox } from './outbox.memory.ts';
import { createVersionedTable, type VersionedTable } from './versioned-table.memory.ts';

const encodeCursor = (o: Order) => Buffer.from(JSON.stringify([o.placedAt, o.id])).toString('base64url');
const decodeCursor = (cursor: string): [string, string] | undefined => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const [placedAt, id] = Array.isArray(parsed) ? parsed : [];
    return typeof placedAt === 'string' && typeof id === 'string' ? [placedAt, id] : undefined;
  } catch {
    return undefined;
  }
};

/** Newest first, ties broken by id, the same order the DynamoDB GSI (placedAt#orderId, descending) gives. */
const newestFirst = (a: Order, b: Order) =>
  a.placedAt === b.placedAt ? (a.id < b.id ? 1 : -1) : a.placedAt < b.placedAt ? 1 : -1;

export const createMemoryOrderRepository = ({
  outbox,
  table = createVersionedTable<Order>(),
}: {
  outbox: MemoryOutbox;
  table?: VersionedTable<Order>;
}): OrderRepository => ({
  load: (orderId) => okAsync(table.get(orderId)),
  save: (order, { expectedVersion, events }) => {
    if (!table.check([[order.id, expectedVersion]])) return errAsync({ kind: 'VersionConflict', id: order.id });
    table.put([[order.id, order]]);
    outbox.append(events);
    return okAsync(expectedVersion + 1);
  },
  listByCustomer: ({ customerId, status, limit, cursor }) => {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (cursor !== undefined && !after) {
      return errAsync(validationFailed([{ path: 'cursor', message: 'is not a cursor this service issued' }]));
    }
    const mine = table
      .rows()
      .map(([, row]) => row.state)
      .filter((o) => o.customerId === customerId)
      .sort(newestFirst);
    const start = after ? mine.findIndex((o) => newestFirst(o, { placedAt: after[0], id: after[1] } as Order) > 0) : 0;
    const rest = (start < 0 ? [] : mine.slice(start)).filter((o) => !status || o.status === status);
    const items = rest.slice(0, limit);
    const last = items.at(-1);
    return okAsync(rest.length > limit && last ? { items, nextCursor: encodeCursor(last) } : { items });
  },
});
