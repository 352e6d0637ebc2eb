import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { type Unavailable, unavailable } from '#app/errors.ts';
import type { StockRepository } from '#app/ports/stock-repository.ts';
import type { Versioned } from '#app/ports/versioned.ts';
import type { StockItem } from '#domain/inventory/stock-item.ts';
import type { Sku } from '#domain/shared/ids.ts';
import { itemTypes, parseHoldItem, parseStockItem } from './items.ts';
import { holdKey, type Key, stockKey } from './keys.ts';
import { loadAggregate } from './load-aggregate.ts';
import { DEPENDENCY, toUnavailable } from './sdk-errors.ts';
import { type TableConfig, writeWithOutbox } from './transact.ts';

/** BatchGetItem reads at most 100 keys per call. */
const BATCH_GET_KEYS = 100;
const UNPROCESSED_ATTEMPTS = 5;

export type StockRepositoryConfig = TableConfig & Readonly<{ sleep?: (ms: number) => Promise<void> }>;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Stock per SKU as `SKU#<sku>` items and each order's hold as `HOLD#<orderId>`. `saveMany` is one transaction:
 * every changed item and the hold, each conditional on its version, plus the outbox items, so an order's lines
 * are reserved all together or not at all, and once.
 *
 * Limits: a transaction holds at most 100 items (changes + hold + events; more is refused as Unavailable before
 * sending). A stock item is a few counters whatever the number of orders (per-order detail lives in the holds), so
 * the 400 KB item limit never comes near; a hot SKU's limit is write throughput on its one item (about 1,000
 * writes/s per partition), which conditional writes turn into VersionConflict retries, not lost updates.
 */
export const createDynamoStockRepository = (config: StockRepositoryConfig): StockRepository => {
  const sleep = config.sleep ?? defaultSleep;

  const getBatch = (keys: readonly Key[], attempt = 0): ResultAsync<Record<string, unknown>[], Unavailable> =>
    ResultAsync.fromPromise(
      config.client.send(
        new BatchGetCommand({ RequestItems: { [config.tableName]: { Keys: [...keys], ConsistentRead: true } } }),
      ),
      toUnavailable,
    ).andThen(({ Responses, UnprocessedKeys }) => {
      const found = Responses?.[config.tableName] ?? [];
      const rest = (UnprocessedKeys?.[config.tableName]?.Keys ?? []) as Key[];
      if (rest.length === 0) return okAsync(found);
      if (attempt + 1 >= UNPROCESSED_ATTEMPTS) {
        return errAsync(unavailable(DEPENDENCY, `${rest.length} stock items stayed unprocessed by BatchGetItem`));
      }
      // Unprocessed keys mean throttling: back off exponentially before asking for the rest.
      return ResultAsync.fromSafePromise(sleep(25 * 2 ** attempt))
        .andThen(() => getBatch(rest, attempt + 1))
        .map((more) => [...found, ...more]);
    });

  return {
    loadMany: (skus) => {
      const unique = [...new Set(skus)];
      const chunks: Key[][] = [];
      for (let i = 0; i < unique.length; i += BATCH_GET_KEYS)
        chunks.push(unique.slice(i, i + BATCH_GET_KEYS).map(stockKey));
      return ResultAsync.combine(chunks.map((keys) => getBatch(keys))).andThen((pages) => {
        const stock = new Map<Sku, Versioned<StockItem>>();
        for (const item of pages.flat()) {
          const parsed = parseStockItem(item);
          if (parsed.isErr()) return errAsync(parsed.error);
          stock.set(parsed.value.state.sku, parsed.value);
        }
        return okAsync<ReadonlyMap<Sku, Versioned<StockItem>>, Unavailable>(stock);
      });
    },

    loadHold: (orderId) => loadAggregate(config, holdKey(orderId), parseHoldItem),

    saveMany: (changes, events, hold) =>
      writeWithOutbox(
        config,
        [
          ...changes.map(({ item, expectedVersion }) => ({
            id: item.sku,
            key: stockKey(item.sku),
            type: itemTypes.stock,
            state: item,
            expectedVersion,
          })),
          ...(hold
            ? [
                {
                  id: hold.hold.orderId,
                  key: holdKey(hold.hold.orderId),
                  type: itemTypes.hold,
                  state: hold.hold,
                  expectedVersion: hold.expectedVersion,
                },
              ]
            : []),
        ],
        events,
      ),
  };
};
