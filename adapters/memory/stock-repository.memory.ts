import { errAsync, okAsync } from 'neverthrow';
import type { StockRepository } from '#app/ports/stock-repository.ts';
import type { Versioned } from '#app/ports/versioned.ts';
import type { StockItem } from '#domain/inventory/stock-item.ts';
import type { Sku } from '#domain/shared/ids.ts';
import type { MemoryOutbox } from './outbox.memory.ts';
import { createVersionedTable, type VersionedTable } from './versioned-table.memory.ts';

export const createMemoryStockRepository = ({
  outbox,
  table = createVersionedTable<StockItem>(),
}: {
  outbox: MemoryOutbox;
  table?: VersionedTable<StockItem>;
}): StockRepository => ({
  loadMany: (skus) => {
    const found = new Map<Sku, Versioned<StockItem>>();
    for (const sku of skus) {
      const row = table.get(sku);
      if (row) found.set(sku, row);
    }
    return okAsync(found);
  },
  saveMany: (changes, events) => {
    // All items or none, each at its expected version: the transaction DynamoDB gives.
    if (!table.check(changes.map((c) => [c.item.sku, c.expectedVersion]))) {
      return errAsync({ kind: 'VersionConflict', id: changes.map((c) => c.item.sku).join(',') });
    }
    table.put(changes.map((c) => [c.item.sku, c.item]));
    outbox.append(events);
    return okAsync(undefined);
  },
});
