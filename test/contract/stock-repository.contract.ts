import { beforeEach, describe, expect, it } from 'vitest';
import type { StockRepository } from '#app/ports/stock-repository.ts';
import type { StockHold, StockItem } from '#domain/inventory/stock-item.ts';
import type { OrderId, Sku } from '#domain/shared/ids.ts';
import { anEnvelope, type RepositoryHarness } from './harness.ts';

const item = (sku: string, onHand: number, reserved = 0): StockItem => ({ sku: sku as Sku, onHand, reserved });
const hold = (orderId: string, status: StockHold['status'] = 'RESERVED'): StockHold => ({
  orderId: orderId as OrderId,
  status,
  lines: [{ sku: 'SKU-A' as Sku, quantity: 2 }],
});

/** `make` gets the seed: SKU → on-hand, stored at version 1. */
export const stockRepositoryContract = (
  name: string,
  make: (seed: Record<string, number>) => Promise<RepositoryHarness<StockRepository>>,
) =>
  describe(`StockRepository contract (${name})`, () => {
    let harness: RepositoryHarness<StockRepository>;
    let repo: StockRepository;
    beforeEach(async () => {
      harness = await make({ 'SKU-A': 5, 'SKU-B': 2 });
      repo = harness.port;
    });

    it('loads the items asked for, and only those that exist', async () => {
      const found = (await repo.loadMany(['SKU-A', 'SKU-B', 'SKU-NONE'] as Sku[]))._unsafeUnwrap();
      expect([...found.keys()].sort()).toEqual(['SKU-A', 'SKU-B']);
      expect(found.get('SKU-A' as Sku)).toEqual({ state: item('SKU-A', 5), version: 1 });
    });

    it('writes several items and the events together, each at its version', async () => {
      const events = [anEnvelope('o-1')];
      const saved = await repo.saveMany(
        [
          { item: item('SKU-A', 5, 2), expectedVersion: 1 },
          { item: item('SKU-B', 2, 1), expectedVersion: 1 },
          { item: item('SKU-NEW', 0), expectedVersion: 0 },
        ],
        events,
      );
      expect(saved.isOk()).toBe(true);
      const found = (await repo.loadMany(['SKU-A', 'SKU-B', 'SKU-NEW'] as Sku[]))._unsafeUnwrap();
      expect(found.get('SKU-A' as Sku)).toEqual({ state: item('SKU-A', 5, 2), version: 2 });
      expect(found.get('SKU-NEW' as Sku)?.version).toBe(1);
      expect((await harness.committedEvents()).map((e) => e.id)).toContain(events[0]!.id);
    });

    it('writes nothing at all when any one item is stale (all or nothing)', async () => {
      const before = await harness.committedEvents();
      const result = await repo.saveMany(
        [
          { item: item('SKU-A', 5, 1), expectedVersion: 1 },
          { item: item('SKU-B', 2, 1), expectedVersion: 7 },
        ],
        [anEnvelope('o-2')],
      );
      expect(result._unsafeUnwrapErr().kind).toBe('VersionConflict');
      const found = (await repo.loadMany(['SKU-A', 'SKU-B'] as Sku[]))._unsafeUnwrap();
      expect(found.get('SKU-A' as Sku)).toEqual({ state: item('SKU-A', 5), version: 1 });
      expect(await harness.committedEvents()).toHaveLength(before.length);
    });

    it("writes the order's hold with its items, and moves it only from the version it was read at", async () => {
      expect((await repo.loadHold('o-4' as OrderId))._unsafeUnwrap()).toBeUndefined();
      const reserved = await repo.saveMany([{ item: item('SKU-A', 5, 2), expectedVersion: 1 }], [anEnvelope('o-4')], {
        hold: hold('o-4'),
        expectedVersion: 0,
      });
      expect(reserved.isOk()).toBe(true);
      expect((await repo.loadHold('o-4' as OrderId))._unsafeUnwrap()).toEqual({ state: hold('o-4'), version: 1 });
      // A second reservation racing the first (hold read as absent) is refused, and its item change with it.
      const twin = await repo.saveMany([{ item: item('SKU-A', 5, 4), expectedVersion: 2 }], [anEnvelope('o-4')], {
        hold: hold('o-4'),
        expectedVersion: 0,
      });
      expect(twin._unsafeUnwrapErr().kind).toBe('VersionConflict');
      expect((await repo.loadMany(['SKU-A'] as Sku[]))._unsafeUnwrap().get('SKU-A' as Sku)?.state.reserved).toBe(2);
      const committed = await repo.saveMany([{ item: item('SKU-A', 3, 0), expectedVersion: 2 }], [], {
        hold: hold('o-4', 'COMMITTED'),
        expectedVersion: 1,
      });
      expect(committed.isOk()).toBe(true);
      expect((await repo.loadHold('o-4' as OrderId))._unsafeUnwrap()).toEqual({
        state: hold('o-4', 'COMMITTED'),
        version: 2,
      });
    });

    it('records events alone when no item changes (a failed reservation is still a fact)', async () => {
      const event = anEnvelope('o-3');
      expect((await repo.saveMany([], [event])).isOk()).toBe(true);
      expect((await harness.committedEvents()).map((e) => e.id)).toContain(event.id);
    });
  });
