import { err, ok, type Result } from 'neverthrow';
import { assertNever } from '../shared/assert-never.ts';
import type { OrderId, Sku } from '../shared/ids.ts';
import type { ReserveStock, StockCommand } from './stock.commands.ts';
import type { Shortage, StockError } from './stock.errors.ts';
import type { StockEvent, StockLine } from './stock.events.ts';

/**
 * Stock of one SKU. Reservations and commitments are kept per order so that every step is idempotent:
 * reserving, releasing, committing or restocking the same order twice changes nothing the second time.
 */
export type StockItem = Readonly<{
  sku: Sku;
  onHand: number;
  reserved: Readonly<Record<string, number>>;
  committed: Readonly<Record<string, number>>;
}>;

/** The stock an order touches, keyed by SKU. A missing SKU has no stock at all. */
export type Stock = ReadonlyMap<Sku, StockItem>;

export const emptyItem = (sku: Sku): StockItem => ({ sku, onHand: 0, reserved: {}, committed: {} });

export const reservedTotal = (s: StockItem): number => Object.values(s.reserved).reduce((a, b) => a + b, 0);
export const available = (s: StockItem): number => s.onHand - reservedTotal(s);

/** Lines with the same SKU count together. */
export const mergeLines = (lines: readonly StockLine[]): StockLine[] => {
  const bySku = new Map<Sku, number>();
  for (const l of lines) bySku.set(l.sku, (bySku.get(l.sku) ?? 0) + l.quantity);
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
};

const heldBy = (stock: Stock, orderId: OrderId, field: 'reserved' | 'committed'): StockLine[] =>
  [...stock.values()].flatMap((item) => {
    const quantity = item[field][orderId];
    return quantity ? [{ sku: item.sku, quantity }] : [];
  });

const reserve = (c: ReserveStock, stock: Stock): Result<StockEvent[], StockError> => {
  const lines = mergeLines(c.lines);
  // An order is reserved once: a retried (or duplicated) reservation finds it done.
  const touched = [...stock.values()].some(
    (item) => item.reserved[c.orderId] !== undefined || item.committed[c.orderId] !== undefined,
  );
  if (touched) return ok([]);
  const shortages: Shortage[] = lines.flatMap((l) => {
    const free = available(stock.get(l.sku) ?? emptyItem(l.sku));
    return l.quantity > free ? [{ sku: l.sku, requested: l.quantity, available: free }] : [];
  });
  return shortages.length > 0
    ? err({ kind: 'InsufficientStock', orderId: c.orderId, shortages })
    : ok([{ type: 'StockReserved', orderId: c.orderId, lines }]);
};

/** All lines of an order are reserved together or not at all; the caller saves every touched item atomically. */
export const decide = (c: StockCommand, stock: Stock): Result<StockEvent[], StockError> => {
  switch (c.type) {
    case 'ReserveStock':
      return reserve(c, stock);
    case 'ReleaseStock': {
      const lines = heldBy(stock, c.orderId, 'reserved');
      return ok(lines.length ? [{ type: 'StockReleased', orderId: c.orderId, lines }] : []);
    }
    case 'CommitStock': {
      const lines = heldBy(stock, c.orderId, 'reserved');
      return ok(lines.length ? [{ type: 'StockCommitted', orderId: c.orderId, lines }] : []);
    }
    case 'RestockOrder': {
      const lines = heldBy(stock, c.orderId, 'committed');
      return ok(lines.length ? [{ type: 'StockRestocked', orderId: c.orderId, lines }] : []);
    }
    case 'ReceiveStock':
      return ok([{ type: 'StockReceived', sku: c.sku, quantity: c.quantity }]);
    default:
      return assertNever(c);
  }
};

const without = (record: Readonly<Record<string, number>>, key: string): Record<string, number> => {
  const { [key]: _, ...rest } = record;
  return rest;
};

/** Folds one event into one SKU's item; lines for other SKUs leave it unchanged. */
export const evolve = (s: StockItem, e: StockEvent): StockItem => {
  if (e.type === 'StockReceived') return e.sku === s.sku ? { ...s, onHand: s.onHand + e.quantity } : s;
  if (e.type === 'StockReservationFailed') return s;
  const quantity = e.lines.find((l) => l.sku === s.sku)?.quantity;
  if (quantity === undefined) return s;
  switch (e.type) {
    case 'StockReserved':
      return { ...s, reserved: { ...s.reserved, [e.orderId]: quantity } };
    case 'StockReleased':
      return { ...s, reserved: without(s.reserved, e.orderId) };
    case 'StockCommitted':
      return {
        ...s,
        onHand: s.onHand - quantity,
        reserved: without(s.reserved, e.orderId),
        committed: { ...s.committed, [e.orderId]: (s.committed[e.orderId] ?? 0) + quantity },
      };
    case 'StockRestocked':
      return { ...s, onHand: s.onHand + quantity, committed: without(s.committed, e.orderId) };
    default:
      return assertNever(e);
  }
};

/** The SKUs an event changes. */
export const skusOf = (e: StockEvent): Sku[] =>
  e.type === 'StockReceived' ? [e.sku] : e.type === 'StockReservationFailed' ? [] : e.lines.map((l) => l.sku);

/** Applies events to the stock they touch. */
export const evolveStock = (stock: Stock, events: readonly StockEvent[]): Map<Sku, StockItem> => {
  const next = new Map(stock);
  for (const e of events) {
    for (const sku of skusOf(e)) next.set(sku, evolve(next.get(sku) ?? emptyItem(sku), e));
  }
  return next;
};
