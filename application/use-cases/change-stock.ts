import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { StockCommand } from '#domain/inventory/stock.commands.ts';
import type { StockEvent } from '#domain/inventory/stock.events.ts';
import * as Stock from '#domain/inventory/stock-item.ts';
import type { Sku } from '#domain/shared/ids.ts';
import type { CommandContext } from '../context.ts';
import type { Envelopes } from '../envelopes.ts';
import type { AppError } from '../errors.ts';
import type { StockRepository } from '../ports/stock-repository.ts';
import { retryOnConflict } from '../retry-on-conflict.ts';

export type ChangeStockDeps = Readonly<{ stock: StockRepository; envelopes: Envelopes }>;

/**
 * The one write path for stock: load every SKU the command touches → decide → save every changed item and the
 * events in one atomic write. A reservation that fails is recorded as StockReservationFailed and returned as
 * InsufficientStock, so the saga can catch it and choreography can react to the event.
 */
export const changeStock =
  ({ stock, envelopes }: ChangeStockDeps) =>
  (skus: readonly Sku[], command: StockCommand, ctx: CommandContext): ResultAsync<readonly StockEvent[], AppError> =>
    retryOnConflict(() =>
      stock.loadMany(skus).andThen((found) => {
        const items = new Map([...found].map(([sku, v]) => [sku, v.state]));
        const decided = Stock.decide(command, items);
        if (decided.isErr()) {
          const { orderId, shortages } = decided.error;
          const failed: StockEvent = { type: 'StockReservationFailed', orderId, shortages: [...shortages] };
          return stock
            .saveMany([], envelopes(ctx, [failed]))
            .andThen(() => errAsync<StockEvent[], AppError>(decided.error));
        }
        const events = decided.value;
        if (events.length === 0) return okAsync<StockEvent[], AppError>([]);
        const next = Stock.evolveStock(items, events);
        const changes = [...new Set(events.flatMap(Stock.skusOf))].map((sku) => ({
          item: next.get(sku)!,
          expectedVersion: found.get(sku)?.version ?? 0,
        }));
        return stock.saveMany(changes, envelopes(ctx, events)).map(() => events);
      }),
    );
