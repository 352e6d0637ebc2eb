import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { StockCommand } from '#domain/inventory/stock.commands.ts';
import type { StockEvent } from '#domain/inventory/stock.events.ts';
import * as Stock from '#domain/inventory/stock-item.ts';
import type { Sku } from '#domain/shared/ids.ts';
import type { CommandContext } from '../context.ts';
import type { Envelopes } from '../envelopes.ts';
import type { AppError } from '../errors.ts';
import type { Pause } from '../ports/pause.ts';
import type { StockRepository } from '../ports/stock-repository.ts';
import type { Versioned } from '../ports/versioned.ts';
import { retryOnConflict } from '../retry-on-conflict.ts';

export type ChangeStockDeps = Readonly<{ stock: StockRepository; envelopes: Envelopes; pause: Pause }>;

const loadHold = (stock: StockRepository, command: StockCommand) =>
  command.type === 'ReceiveStock'
    ? okAsync<Versioned<Stock.StockHold> | undefined, AppError>(undefined)
    : stock.loadHold(command.orderId);

/**
 * The one write path for stock: load every SKU the command touches and the order's hold → decide → save every
 * changed item, the hold and the events in one atomic write. A reservation that fails is recorded as
 * StockReservationFailed and returned as InsufficientStock, so the saga can catch it and choreography can react.
 */
export const changeStock =
  ({ stock, envelopes, pause }: ChangeStockDeps) =>
  (skus: readonly Sku[], command: StockCommand, ctx: CommandContext): ResultAsync<readonly StockEvent[], AppError> =>
    retryOnConflict(
      () =>
        loadHold(stock, command).andThen((hold) =>
          stock.loadMany(skus).andThen((found) => {
            const current = { items: new Map([...found].map(([sku, v]) => [sku, v.state])), hold: hold?.state };
            const decided = Stock.decide(command, current);
            if (decided.isErr()) {
              const { orderId, shortages } = decided.error;
              const failed: StockEvent = { type: 'StockReservationFailed', orderId, shortages: [...shortages] };
              return stock
                .saveMany([], envelopes(ctx, [failed]))
                .andThen(() => errAsync<StockEvent[], AppError>(decided.error));
            }
            const events = decided.value;
            if (events.length === 0) return okAsync<StockEvent[], AppError>([]);
            const next = Stock.evolveStock(current, events);
            const changes = [...new Set(events.flatMap(Stock.skusOf))].map((sku) => ({
              item: next.items.get(sku)!,
              expectedVersion: found.get(sku)?.version ?? 0,
            }));
            const holdChange = next.hold && { hold: next.hold, expectedVersion: hold?.version ?? 0 };
            return stock.saveMany(changes, envelopes(ctx, events), holdChange).map(() => events);
          }),
        ),
      { pause, jitterKey: ctx.causationId },
    );
