import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { type Unavailable, unavailable, type VersionConflict } from '#app/errors.ts';
import type { Clock } from '#app/ports/clock.ts';
import type { EventEnvelope } from '#domain/events.ts';
import { itemSize, MAX_ITEM_BYTES } from './item-size.ts';
import { plain } from './items.ts';
import type { Key } from './keys.ts';
import { DEFAULT_OUTBOX_TTL_SECONDS, outboxItem } from './outbox.ts';
import { DEPENDENCY, transactionError } from './sdk-errors.ts';

export type TableConfig = Readonly<{
  client: DynamoDBDocumentClient;
  tableName: string;
  /** For TTLs; defaults to the system clock. */
  clock?: Clock;
  outboxTtlSeconds?: number;
}>;

/** DynamoDB's limit on the items of one TransactWriteItems call (aggregates + outbox items). */
export const MAX_TRANSACTION_ITEMS = 100;

export const systemClock: Clock = () => new Date();
export const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);

/** Version 0 means "create": the item must not exist yet. Otherwise the stored version must not have moved. */
export const versionCondition = (expectedVersion: number) =>
  expectedVersion === 0
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : {
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      };

export type AggregateWrite = Readonly<{
  /** Names the aggregate in a VersionConflict (order id, SKU). */
  id: string;
  key: Key;
  type: string;
  state: unknown;
  expectedVersion: number;
  /** Top-level attributes next to the state, such as GSI keys. */
  attributes?: Readonly<Record<string, unknown>>;
}>;

/**
 * Writes aggregates and their events atomically: one TransactWriteItems with every aggregate conditional on
 * its version and one outbox item per event. Nothing is written when any condition fails.
 */
export const writeWithOutbox = (
  config: TableConfig,
  writes: readonly AggregateWrite[],
  events: readonly EventEnvelope[],
): ResultAsync<void, VersionConflict | Unavailable> => {
  const total = writes.length + events.length;
  if (total === 0) return okAsync(undefined);
  if (total > MAX_TRANSACTION_ITEMS) {
    return errAsync(
      unavailable(
        DEPENDENCY,
        `a transaction holds at most ${MAX_TRANSACTION_ITEMS} items; this write needs ${total} ` +
          `(${writes.length} aggregates + ${events.length} events)`,
      ),
    );
  }
  const { client, tableName: TableName } = config;
  const expiresAt =
    epochSeconds((config.clock ?? systemClock)()) + (config.outboxTtlSeconds ?? DEFAULT_OUTBOX_TTL_SECONDS);
  const TransactItems = [
    ...writes.map((w) => ({
      Put: {
        TableName,
        Item: { ...w.attributes, ...w.key, type: w.type, version: w.expectedVersion + 1, state: plain(w.state) },
        ...versionCondition(w.expectedVersion),
      },
    })),
    // An event id stored twice would be an overwrite (a MODIFY the relay ignores): refuse it instead.
    ...events.map((e) => ({
      Put: { TableName, Item: outboxItem(e, expiresAt), ConditionExpression: 'attribute_not_exists(pk)' },
    })),
  ];
  const names = [...writes.map((w) => w.id), ...events.map((e) => `event ${e.id}`)];
  const oversized = TransactItems.flatMap(({ Put }, i) => {
    const size = itemSize(Put.Item);
    return size > MAX_ITEM_BYTES ? [`${names[i]} would be ${size} bytes`] : [];
  });
  if (oversized.length > 0) {
    return errAsync(
      unavailable(DEPENDENCY, `items over DynamoDB's ${MAX_ITEM_BYTES}-byte limit: ${oversized.join('; ')}`),
    );
  }
  return ResultAsync.fromPromise(
    client.send(new TransactWriteCommand({ TransactItems })),
    transactionError(names, writes.length),
  ).map(() => undefined);
};
