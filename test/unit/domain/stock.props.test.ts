import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { StockCommand } from '#domain/inventory/stock.commands.ts';
import { StockEvent } from '#domain/inventory/stock.events.ts';
import * as Stock from '#domain/inventory/stock-item.ts';
import type { OrderId, Sku } from '#domain/shared/ids.ts';
import { aStockCommand, someStock } from '#test/fixtures/arbitraries.ts';

const RUNS = { numRuns: 1_000 };

/** The whole warehouse: every SKU's item and every order's hold, as the repository would store them. */
type World = { items: Map<Sku, Stock.StockItem>; holds: Map<OrderId, Stock.StockHold> };

const holdOf = (w: World, c: StockCommand) => (c.type === 'ReceiveStock' ? undefined : w.holds.get(c.orderId));

const step = (w: World, c: StockCommand) => {
  const seen = { items: w.items, hold: holdOf(w, c) };
  const result = Stock.decide(c, seen);
  if (result.isErr()) return { world: w, events: [] };
  const next = Stock.evolveStock(seen, result.value);
  const holds = new Map(w.holds);
  if (next.hold) holds.set(next.hold.orderId, next.hold);
  return { world: { items: next.items, holds }, events: result.value };
};

const run = (
  start: Map<Sku, Stock.StockItem>,
  commands: readonly StockCommand[],
  each: (w: World) => void = () => {},
) => {
  let world: World = { items: start, holds: new Map() };
  for (const c of commands) {
    world = step(world, c).world;
    each(world);
  }
  return world;
};

const heldBy = (w: World, sku: Sku, status: Stock.StockHold['status']) =>
  [...w.holds.values()]
    .filter((h) => h.status === status)
    .flatMap((h) => h.lines)
    .filter((l) => l.sku === sku)
    .reduce((a, l) => a + l.quantity, 0);

describe('Stock aggregate', () => {
  test.prop([someStock(), fc.array(aStockCommand(), { maxLength: 60 })], RUNS)(
    'available stock is never negative and reservations never exceed on-hand',
    (start, commands) => {
      run(start, commands, (w) => {
        for (const item of w.items.values()) {
          expect(item.onHand).toBeGreaterThanOrEqual(0);
          expect(item.reserved).toBeGreaterThanOrEqual(0);
          expect(Stock.available(item)).toBeGreaterThanOrEqual(0);
        }
      });
    },
  );

  test.prop([someStock(), fc.array(aStockCommand(), { maxLength: 60 })], RUNS)(
    "an item's reserved count is exactly what the RESERVED holds keep of it",
    (start, commands) => {
      run(start, commands, (w) => {
        for (const [sku, item] of w.items) expect(item.reserved).toBe(heldBy(w, sku, 'RESERVED'));
      });
    },
  );

  test.prop([someStock(), fc.array(aStockCommand(), { maxLength: 60 })], RUNS)(
    'a reservation covers every line of the order or none of them',
    (start, commands) => {
      let world: World = { items: start, holds: new Map() };
      for (const c of commands) {
        const before = world;
        const { world: after, events } = step(world, c);
        world = after;
        if (c.type !== 'ReserveStock') continue;
        if (events.length === 0) {
          expect(world).toEqual(before); // refused or already reserved: nothing moved
        } else {
          const hold = world.holds.get(c.orderId);
          expect(hold?.status).toBe('RESERVED');
          expect(hold?.lines).toEqual(Stock.mergeLines(c.lines));
        }
      }
    },
  );

  test.prop([someStock(), fc.array(aStockCommand(), { maxLength: 60 })], RUNS)(
    'every command applied twice in a row changes nothing the second time',
    (start, commands) => {
      let world: World = { items: start, holds: new Map() };
      for (const c of commands) {
        world = step(world, c).world;
        if (c.type === 'ReceiveStock') continue; // receiving goods twice is two deliveries, not a retry
        expect(step(world, c).events).toEqual([]);
      }
    },
  );

  test.prop([someStock(), fc.array(aStockCommand(), { maxLength: 60 })], RUNS)(
    'an order is reserved at most once, however often its reservation comes back after later steps',
    (start, commands) => {
      const reservedOrders: OrderId[] = [];
      let world: World = { items: start, holds: new Map() };
      for (const c of commands) {
        const { world: next, events } = step(world, c);
        world = next;
        for (const e of events) if (e.type === 'StockReserved') reservedOrders.push(e.orderId);
      }
      expect(new Set(reservedOrders).size).toBe(reservedOrders.length);
    },
  );

  test.prop([someStock(), fc.array(aStockCommand(), { maxLength: 60 })], RUNS)(
    'units are conserved: on-hand + committed equals the start plus goods received',
    (start, commands) => {
      let world: World = { items: start, holds: new Map() };
      const received = new Map<string, number>();
      for (const c of commands) {
        const { world: next, events } = step(world, c);
        world = next;
        for (const e of events) {
          if (e.type === 'StockReceived') received.set(e.sku, (received.get(e.sku) ?? 0) + e.quantity);
          expect(StockEvent.parse(JSON.parse(JSON.stringify(e)))).toEqual(e);
        }
      }
      for (const [sku, item] of world.items) {
        const committed = heldBy(world, sku, 'COMMITTED');
        expect(item.onHand + committed).toBe((start.get(sku)?.onHand ?? 0) + (received.get(sku) ?? 0));
      }
    },
  );
});
