import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { StockEvent } from '#domain/inventory/stock.events.ts';
import * as Stock from '#domain/inventory/stock-item.ts';
import type { Sku } from '#domain/shared/ids.ts';
import { aStockCommand, someStock } from '#test/fixtures/arbitraries.ts';

const RUNS = { numRuns: 1_000 };

const step = (stock: Map<Sku, Stock.StockItem>, c: Parameters<typeof Stock.decide>[0]) => {
  const result = Stock.decide(c, stock);
  return result.isOk()
    ? { stock: Stock.evolveStock(stock, result.value), events: result.value }
    : { stock, events: [] };
};

describe('Stock aggregate', () => {
  test.prop([someStock(), fc.array(aStockCommand(), { maxLength: 60 })], RUNS)(
    'available stock is never negative and reservations never exceed on-hand',
    (start, commands) => {
      let stock: Map<Sku, Stock.StockItem> = start;
      for (const c of commands) {
        stock = step(stock, c).stock;
        for (const item of stock.values()) {
          expect(item.onHand).toBeGreaterThanOrEqual(0);
          expect(Stock.available(item)).toBeGreaterThanOrEqual(0);
        }
      }
    },
  );

  test.prop([someStock(), fc.array(aStockCommand(), { maxLength: 60 })], RUNS)(
    'a reservation covers every line of the order or none of them',
    (start, commands) => {
      let stock: Map<Sku, Stock.StockItem> = start;
      for (const c of commands) {
        const before = stock;
        const { stock: after, events } = step(stock, c);
        stock = after;
        if (c.type !== 'ReserveStock') continue;
        if (events.length === 0) {
          expect(stock).toEqual(before); // refused or already reserved: nothing moved
        } else {
          for (const l of c.lines) expect(stock.get(l.sku)?.reserved[c.orderId]).toBeGreaterThan(0);
        }
      }
    },
  );

  test.prop([someStock(), fc.array(aStockCommand(), { maxLength: 60 })], RUNS)(
    'every command applied twice in a row changes nothing the second time',
    (start, commands) => {
      let stock: Map<Sku, Stock.StockItem> = start;
      for (const c of commands) {
        stock = step(stock, c).stock;
        if (c.type === 'ReceiveStock') continue; // receiving goods twice is two deliveries, not a retry
        const again = step(stock, c);
        expect(again.events).toEqual([]);
      }
    },
  );

  test.prop([someStock(), fc.array(aStockCommand(), { maxLength: 60 })], RUNS)(
    'units are conserved: on-hand + committed equals the start plus goods received',
    (start, commands) => {
      let stock: Map<Sku, Stock.StockItem> = start;
      const received = new Map<string, number>();
      for (const c of commands) {
        const { stock: next, events } = step(stock, c);
        stock = next;
        for (const e of events) {
          if (e.type === 'StockReceived') received.set(e.sku, (received.get(e.sku) ?? 0) + e.quantity);
          expect(StockEvent.parse(JSON.parse(JSON.stringify(e)))).toEqual(e);
        }
      }
      for (const [sku, item] of stock) {
        const committed = Object.values(item.committed).reduce((a, b) => a + b, 0);
        expect(item.onHand + committed).toBe((start.get(sku)?.onHand ?? 0) + (received.get(sku) ?? 0));
      }
    },
  );
});
