import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ok, type Result, ResultAsync } from 'neverthrow';
import type { Unavailable } from '#app/errors.ts';
import type { Versioned } from '#app/ports/versioned.ts';
import type { Key } from './keys.ts';
import { toUnavailable } from './sdk-errors.ts';
import type { TableConfig } from './transact.ts';

/**
 * One aggregate item by key, strongly consistent (a read before a conditional write must see the last write),
 * parsed into its versioned state; absent is `undefined`, a stored item that does not parse is Unavailable.
 */
export const loadAggregate = <T>(
  config: TableConfig,
  key: Key,
  parse: (item: Record<string, unknown>) => Result<Versioned<T>, Unavailable>,
): ResultAsync<Versioned<T> | undefined, Unavailable> =>
  ResultAsync.fromPromise(
    config.client.send(new GetCommand({ TableName: config.tableName, Key: key, ConsistentRead: true })),
    toUnavailable,
  ).andThen(({ Item }) => (Item ? parse(Item) : ok(undefined)));
