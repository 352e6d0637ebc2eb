import { describe, expect, it } from 'vitest';
import type { Versioned } from '#app/ports/versioned.ts';
import { migrateStockRows } from '#infra/local/persistence/migrate-stock.ts';

describe('a data folder written before stock holds existed', () => {
  it("turns per-order entries into holds and counters, keeping every order's quantities", () => {
    const tables = new Map<string, Map<string, Versioned<unknown>>>([
      [
        'stock',
        new Map<string, Versioned<unknown>>([
          ['A', { state: { sku: 'A', onHand: 9, reserved: { o1: 2, o2: 1 }, committed: { o3: 4 } }, version: 7 }],
          ['B', { state: { sku: 'B', onHand: 5, reserved: { o1: 3 }, committed: {} }, version: 2 }],
          ['C', { state: { sku: 'C', onHand: 1, reserved: 0 }, version: 3 }], // already migrated: untouched
        ]),
      ],
    ]);
    expect(migrateStockRows(tables)).toBe(2);
    expect(Object.fromEntries(tables.get('stock') ?? [])).toEqual({
      A: { state: { sku: 'A', onHand: 9, reserved: 3 }, version: 7 },
      B: { state: { sku: 'B', onHand: 5, reserved: 3 }, version: 2 },
      C: { state: { sku: 'C', onHand: 1, reserved: 0 }, version: 3 },
    });
    expect(Object.fromEntries(tables.get('holds') ?? [])).toEqual({
      o1: {
        state: {
          orderId: 'o1',
          status: 'RESERVED',
          lines: [
            { sku: 'A', quantity: 2 },
            { sku: 'B', quantity: 3 },
          ],
        },
        version: 1,
      },
      o2: { state: { orderId: 'o2', status: 'RESERVED', lines: [{ sku: 'A', quantity: 1 }] }, version: 1 },
      o3: { state: { orderId: 'o3', status: 'COMMITTED', lines: [{ sku: 'A', quantity: 4 }] }, version: 1 },
    });
    expect(migrateStockRows(tables)).toBe(0); // idempotent
  });
});
