import type { ResultAsync } from 'neverthrow';
import type { EventEnvelope } from '#domain/events.ts';
import type { StockItem } from '#domain/inventory/stock-item.ts';
import type { Sku } from '#domain/shared/ids.ts';
import type { Unavailable, VersionConflict } from '../errors.ts';
import type { Versioned } from './versioned.ts';

export type StockChange = Readonly<{ item: StockItem; expectedVersion: number }>;

/**
 * Stock per SKU. `saveMany` writes every changed item and the events in one atomic write, each item
 * conditional on its version, so an order's lines are reserved all together or not at all.
 * An empty change list with events records the events alone (e.g. StockReservationFailed).
 */
export type StockRepository = Readonly<{
  loadMany: (skus: readonly Sku[]) => ResultAsync<ReadonlyMap<Sku, Versioned<StockItem>>, Unavailable>;
  saveMany: (
    changes: readonly StockChange[],
    events: readonly EventEnvelope[],
  ) => ResultAsync<void, VersionConflict | Unavailable>;
}>;
