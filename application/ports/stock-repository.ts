import type { ResultAsync } from 'neverthrow';
import type { EventEnvelope } from '#domain/events.ts';
import type { StockHold, StockItem } from '#domain/inventory/stock-item.ts';
import type { OrderId, Sku } from '#domain/shared/ids.ts';
import type { Unavailable, VersionConflict } from '../errors.ts';
import type { Versioned } from './versioned.ts';

export type StockChange = Readonly<{ item: StockItem; expectedVersion: number }>;
export type HoldChange = Readonly<{ hold: StockHold; expectedVersion: number }>;

/**
 * Stock per SKU and each order's hold. `saveMany` writes every changed item, the order's hold and the events in
 * one atomic write, each row conditional on its version, so an order's lines are reserved all together or not at
 * all, exactly once. An empty change list with events records the events alone (e.g. StockReservationFailed).
 */
export type StockRepository = Readonly<{
  loadMany: (skus: readonly Sku[]) => ResultAsync<ReadonlyMap<Sku, Versioned<StockItem>>, Unavailable>;
  loadHold: (orderId: OrderId) => ResultAsync<Versioned<StockHold> | undefined, Unavailable>;
  saveMany: (
    changes: readonly StockChange[],
    events: readonly EventEnvelope[],
    hold?: HoldChange,
  ) => ResultAsync<void, VersionConflict | Unavailable>;
}>;
