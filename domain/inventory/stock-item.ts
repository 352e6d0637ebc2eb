import { err, ok, type Result } from 'neverthrow';
import { assertNever } from '../shared/assert-never.ts';
import type { OrderId, Sku } from '../shared/ids.ts';
import type { ReserveStock, StockCommand } from './stock.commands.ts';
import type { Shortage, StockError } from './stock.errors.ts';
import type { StockEvent } from './stock.events.ts';
import type { StockLine } from './stock.values.ts';

/**
 * Stock of one SKU: what is on hand and how many units open holds keep aside. Per-order detail lives in the
 * order's `StockHold`, not here, so an item stays the same small size however many orders it has served (a
 * best-selling SKU is one hot item; a list of every order in it would grow without bound).
 */
export type StockItem = Readonly<{ sku: Sku; onHand: number; reserved: number }>;

/**
 * What one order holds, across every SKU it touches. Its status makes each step idempotent: an order is reserved
 * once (a retried or late reservation finds its hold), released or committed only while reserved, restocked only
 * once committed.
 */
export type StockHold = Readonly<{
  orderId: OrderId;
  status: 'RESERVED' | 'COMMITTED' | 'RELEASED' | 'RESTOCKED';
  lines: readonly StockLine[];
}>;

/** The stock an order touches, keyed by SKU. A missing SKU has no stock at all. */
export type Stock = ReadonlyMap<Sku, StockItem>;

/** What a command sees: the items it touches and, for order commands, that order's hold (if it has one). */
export type OrderStock = Readonly<{ items: Stock; hold?: StockHold | undefined }>;

export const emptyItem = (sku: Sku): StockItem => ({ sku, onHand: 0, reserved: 0 });

export const available = (s: StockItem): number => s.onHand - s.reserved;

/** Lines with the same SKU count together. */
export const mergeLines = (lines: readonly StockLine[]): StockLine[] => {
  const bySku = new Map<Sku, number>();
  for (const l of lines) bySku.set(l.sku, (bySku.get(l.sku) ?? 0) + l.quantity);
  return [...bySku].map(([sku, quantity]) => ({ sku, quantity }));
};

const reserve = (c: ReserveStock, { items, hold }: OrderStock): Result<StockEvent[], StockError> => {
  // An order is reserved once: a retried, duplicated or late reservation finds its hold, whatever became of it.
  if (hold) return ok([]);
  const lines = mergeLines(c.lines);
  const shortages: Shortage[] = lines.flatMap((l) => {
    const free = available(items.get(l.sku) ?? emptyItem(l.sku));
    return l.quantity > free ? [{ sku: l.sku, requested: l.quantity, available: free }] : [];
  });
  return shortages.length > 0
    ? err({ kind: 'InsufficientStock', orderId: c.orderId, shortages })
    : ok([{ type: 'StockReserved', orderId: c.orderId, lines }]);
};

/** The hold's lines as an event of `type`, when the hold is in `from`; nothing otherwise. */
const move = (
  hold: StockHold | undefined,
  orderId: OrderId,
  from: StockHold['status'],
  type: 'StockReleased' | 'StockCommitted' | 'StockRestocked',
): StockEvent[] => (hold?.status === from ? [{ type, orderId, lines: [...hold.lines] }] : []);

/** All lines of an order are reserved together or not at all; the caller saves every touched item atomically. */
export const decide = (c: StockCommand, stock: OrderStock): Result<StockEvent[], StockError> => {
  switch (c.type) {
    case 'ReserveStock':
      return reserve(c, stock);
    case 'ReleaseStock':
      return ok(move(stock.hold, c.orderId, 'RESERVED', 'StockReleased'));
    case 'CommitStock':
      return ok(move(stock.hold, c.orderId, 'RESERVED', 'StockCommitted'));
    case 'RestockOrder':
      return ok(move(stock.hold, c.orderId, 'COMMITTED', 'StockRestocked'));
    case 'ReceiveStock':
      return ok([{ type: 'StockReceived', sku: c.sku, quantity: c.quantity }]);
    default:
      return assertNever(c);
  }
};

/** Folds one event into one SKU's item; lines for other SKUs leave it unchanged. */
export const evolve = (s: StockItem, e: StockEvent): StockItem => {
  if (e.type === 'StockReceived') return e.sku === s.sku ? { ...s, onHand: s.onHand + e.quantity } : s;
  if (e.type === 'StockReservationFailed') return s;
  const quantity = e.lines.find((l) => l.sku === s.sku)?.quantity;
  if (quantity === undefined) return s;
  switch (e.type) {
    case 'StockReserved':
      return { ...s, reserved: s.reserved + quantity };
    case 'StockReleased':
      return { ...s, reserved: s.reserved - quantity };
    case 'StockCommitted':
      return { ...s, onHand: s.onHand - quantity, reserved: s.reserved - quantity };
    case 'StockRestocked':
      return { ...s, onHand: s.onHand + quantity };
    default:
      return assertNever(e);
  }
};

const holdStatus = {
  StockReserved: 'RESERVED',
  StockReleased: 'RELEASED',
  StockCommitted: 'COMMITTED',
  StockRestocked: 'RESTOCKED',
} as const;

/** Folds one event into the order's hold: a reservation creates it, every later step moves its status. */
export const evolveHold = (hold: StockHold | undefined, e: StockEvent): StockHold | undefined => {
  if (e.type === 'StockReceived' || e.type === 'StockReservationFailed') return hold;
  return { orderId: e.orderId, status: holdStatus[e.type], lines: hold?.lines ?? e.lines };
};

/** The SKUs an event changes. */
export const skusOf = (e: StockEvent): Sku[] =>
  e.type === 'StockReceived' ? [e.sku] : e.type === 'StockReservationFailed' ? [] : e.lines.map((l) => l.sku);

/** Applies events to the items they touch and to the order's hold. */
export const evolveStock = (
  stock: OrderStock,
  events: readonly StockEvent[],
): { items: Map<Sku, StockItem>; hold?: StockHold | undefined } => {
  const items = new Map(stock.items);
  let hold = stock.hold;
  for (const e of events) {
    for (const sku of skusOf(e)) items.set(sku, evolve(items.get(sku) ?? emptyItem(sku), e));
    hold = evolveHold(hold, e);
  }
  return { items, hold };
};
