import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import type { Unavailable } from '#app/errors.ts';
import type { OrderQuery } from '#app/ports/order-repository.ts';
import type { Page } from '#app/ports/versioned.ts';
import type { Order } from '#domain/order/order.ts';
import type { ValidationFailed } from '#domain/shared/validation.ts';
import { type CursorKey, decodeCursor, encodeCursor } from './cursor.ts';
import { parseOrderItem } from './items.ts';
import { customerPartition } from './keys.ts';
import { toUnavailable } from './sdk-errors.ts';
import { tableSchema } from './table.ts';
import type { TableConfig } from './transact.ts';

/** With a status filter DynamoDB's Limit counts items read before filtering, so read wider pages. */
const FILTERED_PAGE_SIZE = 100;

const keyOf = (item: Record<string, unknown>): CursorKey => ({
  pk: String(item.pk),
  sk: String(item.sk),
  gsi1pk: String(item.gsi1pk),
  gsi1sk: String(item.gsi1sk),
});

/**
 * A customer's orders, newest first, through gsi1. Pages are read until `limit` orders match or the
 * index ends; one order past the limit is read so that a cursor is only returned when more orders exist.
 * The cursor is the key of the last order returned, not DynamoDB's LastEvaluatedKey, because with a
 * filter (or the look-ahead) DynamoDB may have read past it.
 */
export const listOrdersByCustomer =
  ({ client, tableName }: TableConfig) =>
  (query: OrderQuery): ResultAsync<Page<Order>, Unavailable | ValidationFailed> => {
    const partition = customerPartition(query.customerId);
    const start = query.cursor === undefined ? undefined : decodeCursor(query.cursor, partition);
    if (start?.isErr()) return errAsync(start.error);
    const startKey = start?.isOk() ? start.value : undefined;
    const limit = Math.max(1, Math.floor(query.limit));
    const collected: Record<string, unknown>[] = [];

    const page = (startKey: Record<string, unknown> | undefined): ResultAsync<Page<Order>, Unavailable> => {
      const wanted = limit + 1 - collected.length;
      return ResultAsync.fromPromise(
        client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: tableSchema.customerOrdersIndex.name,
            KeyConditionExpression: '#gpk = :partition',
            ScanIndexForward: false,
            Limit: query.status ? Math.max(wanted, FILTERED_PAGE_SIZE) : wanted,
            ...(startKey && { ExclusiveStartKey: startKey }),
            ...(query.status
              ? {
                  FilterExpression: '#state.#status = :status',
                  ExpressionAttributeNames: { '#gpk': 'gsi1pk', '#state': 'state', '#status': 'status' },
                  ExpressionAttributeValues: { ':partition': partition, ':status': query.status },
                }
              : {
                  ExpressionAttributeNames: { '#gpk': 'gsi1pk' },
                  ExpressionAttributeValues: { ':partition': partition },
                }),
          }),
        ),
        toUnavailable,
      ).andThen(({ Items = [], LastEvaluatedKey }) => {
        collected.push(...Items);
        if (collected.length <= limit && LastEvaluatedKey) return page(LastEvaluatedKey);
        return toPage(collected, limit);
      });
    };
    return page(startKey);
  };

const toPage = (items: readonly Record<string, unknown>[], limit: number): ResultAsync<Page<Order>, Unavailable> => {
  const shown = items.slice(0, limit);
  const orders: Order[] = [];
  for (const item of shown) {
    const parsed = parseOrderItem(item);
    if (parsed.isErr()) return errAsync(parsed.error);
    orders.push(parsed.value.state);
  }
  const last = shown.at(-1);
  return okAsync(
    items.length > limit && last ? { items: orders, nextCursor: encodeCursor(keyOf(last)) } : { items: orders },
  );
};
