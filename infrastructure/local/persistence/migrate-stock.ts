import type { Versioned } from '#app/ports/versioned.ts';
import type { StockHold, StockItem } from '#domain/inventory/stock-item.ts';
import type { OrderId, Sku } from '#domain/shared/ids.ts';

type Rows = Map<string, Versioned<unknown>>;
type OldItem = { sku: Sku; onHand: number; reserved: Record<string, number>; committed?: Record<string, number> };

const isOld = (state: unknown): state is OldItem =>
  typeof state === 'object' && state !== null && typeof (state as { reserved?: unknown }).reserved === 'object';

/**
 * Data folders written before stock holds existed kept every order's quantities inside each stock row. On open
 * those rows become counters and the per-order entries become holds (RESERVED or COMMITTED), so orders in flight
 * across the upgrade still release, commit and restock exactly what they held. Returns how many rows moved.
 */
export const migrateStockRows = (tables: Map<string, Rows>): number => {
  const stock = tables.get('stock');
  if (!stock) return 0;
  const holds = tables.get('holds') ?? new Map<string, Versioned<unknown>>();
  let migrated = 0;
  const hold = (orderId: string, status: StockHold['status'], sku: Sku, quantity: number) => {
    const current = holds.get(orderId)?.state as StockHold | undefined;
    const lines = [...(current?.lines ?? []), { sku, quantity }];
    holds.set(orderId, { state: { orderId: orderId as OrderId, status, lines } satisfies StockHold, version: 1 });
  };
  for (const [sku, row] of stock) {
    if (!isOld(row.state)) continue;
    const { onHand, reserved, committed = {} } = row.state;
    for (const [orderId, q] of Object.entries(reserved)) hold(orderId, 'RESERVED', sku as Sku, q);
    for (const [orderId, q] of Object.entries(committed)) hold(orderId, 'COMMITTED', sku as Sku, q);
    const total = Object.values(reserved).reduce((a, b) => a + b, 0);
    stock.set(sku, { state: { sku: sku as Sku, onHand, reserved: total } satisfies StockItem, version: row.version });
    migrated++;
  }
  if (holds.size > 0) tables.set('holds', holds);
  return migrated;
};
