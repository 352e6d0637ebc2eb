import { errAsync, okAsync } from 'neverthrow';
import type { StockRepository } from '#app/ports/stock-repository.ts';
import type { Versioned } from '#app/ports/versioned.ts';
import type { StockHold, StockItem } from '#domain/inventory/stock-item.ts';
import type { Sku } from '#domain/shared/ids.ts';
import type { MemoryOutbox } from './outbox.memory.ts';
import { createVersionedTable, type VersionedTable } from './versioned-table.memory.ts';

/** Hold rows share the table's key space with nothing else: they live in their own table, keyed by order id. */
export const createMemoryStockRepository = ({
  outbox,
  table = createVersionedTable<StockItem>(),
  holds = createVersionedTable<StockHold>(),
}: {
  outbox: MemoryOutbox;
  table?: VersionedTable<StockItem>;
  holds?: VersionedTable<StockHold>;
}): StockRepository => ({
  loadMany: (skus) => {
    const found = new Map<Sku, Versioned<StockItem>>();
    for (const sku of skus) {
      const row = table.get(sku);
      if (row) found.set(sku, row);
    }
    return okAsync(found);
  },
  loadHold: (orderId) => okAsync(holds.get(orderId)),
  saveMany: (changes, events, hold) => {
    // All rows or none, each at its expected version: the transaction DynamoDB gives.
    const itemsCurrent = table.check(changes.map((c) => [c.item.sku, c.expectedVersion]));
    const holdCurrent = !hold || holds.check([[hold.hold.orderId, hold.expectedVersion]]);
    if (!itemsCurrent || !holdCurrent) {
      const ids = [...changes.map((c) => c.item.sku), ...(hold ? [hold.hold.orderId] : [])];
      return errAsync({ kind: 'VersionConflict', id: ids.join(',') });
    }
    table.put(changes.map((c) => [c.item.sku, c.item]));
    if (hold) holds.put([[hold.hold.orderId, hold.hold]]);
    outbox.append(events);
    return okAsync(undefined);
  },
});
