import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderRepository } from '#app/ports/order-repository.ts';
import type { Order } from '#domain/order/order.ts';
import { anOrder } from '#test/fixtures/arbitraries.ts';
import { anEnvelope, type RepositoryHarness } from './harness.ts';

export const orderRepositoryContract = (name: string, make: () => Promise<RepositoryHarness<OrderRepository>>) =>
  describe(`OrderRepository contract (${name})`, () => {
    let harness: RepositoryHarness<OrderRepository>;
    let repo: OrderRepository;
    beforeEach(async () => {
      harness = await make();
      repo = harness.port;
    });

    it('loads what it saved, at the next version, and nothing for an unknown id', async () => {
      await fc.assert(
        fc.asyncProperty(anOrder(), async (order) => {
          expect((await repo.save(order, { expectedVersion: 0, events: [] }))._unsafeUnwrap()).toBe(1);
          expect((await repo.load(order.id))._unsafeUnwrap()).toEqual({ state: order, version: 1 });
        }),
        { numRuns: 15 },
      );
      expect((await repo.load('no-such-order'))._unsafeUnwrap()).toBeUndefined();
    });

    it('creates conditionally and rejects a stale version without writing state or events', async () => {
      const order = fc.sample(anOrder(), 1)[0]!;
      await repo.save(order, { expectedVersion: 0, events: [anEnvelope(order.id)] });
      const twin = await repo.save(
        { ...order, status: 'CANCELLED' },
        { expectedVersion: 0, events: [anEnvelope(order.id)] },
      );
      expect(twin._unsafeUnwrapErr().kind).toBe('VersionConflict');
      const ahead = await repo.save(order, { expectedVersion: 5, events: [anEnvelope(order.id)] });
      expect(ahead._unsafeUnwrapErr().kind).toBe('VersionConflict');
      expect((await repo.load(order.id))._unsafeUnwrap()?.state.status).toBe(order.status);
      expect((await harness.committedEvents()).filter((e) => e.data.type !== 'StockReceived')).toHaveLength(1);
    });

    it('stores the events of a write with it: one committed event per saved event, none for a conflict', async () => {
      const order = fc.sample(anOrder(), 1)[0]!;
      const first = [anEnvelope(order.id), anEnvelope(order.id)];
      await repo.save(order, { expectedVersion: 0, events: first });
      await repo.save({ ...order, status: 'CONFIRMED' }, { expectedVersion: 1, events: [anEnvelope(order.id)] });
      await repo.save({ ...order, status: 'CANCELLED' }, { expectedVersion: 1, events: [anEnvelope(order.id)] });
      const ids = (await harness.committedEvents()).map((e) => e.id);
      expect(ids).toEqual(expect.arrayContaining(first.map((e) => e.id)));
      expect(ids).toHaveLength(3);
    });

    it('lists a customer’s orders newest first, a page at a time, with an opaque cursor and a status filter', async () => {
      const orders = fc.sample(anOrder(), 23).map(
        (o, i): Order => ({
          ...o,
          customerId: (i % 3 === 0 ? 'c-other' : 'c-me') as never,
          status: i % 2 ? 'PENDING' : 'CONFIRMED',
        }),
      );
      for (const o of orders) await repo.save(o, { expectedVersion: 0, events: [] });
      const mine = orders.filter((o) => o.customerId === 'c-me');
      const seen: Order[] = [];
      let cursor: string | undefined;
      do {
        const page = (
          await repo.listByCustomer({ customerId: 'c-me', limit: 4, ...(cursor && { cursor }) })
        )._unsafeUnwrap();
        expect(page.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.map((o) => o.id).sort()).toEqual(mine.map((o) => o.id).sort());
      for (let i = 1; i < seen.length; i++) expect(seen[i - 1]!.placedAt >= seen[i]!.placedAt).toBe(true);
      const pending = (
        await repo.listByCustomer({ customerId: 'c-me', status: 'PENDING', limit: 100 })
      )._unsafeUnwrap();
      expect(pending.items.map((o) => o.id).sort()).toEqual(
        mine
          .filter((o) => o.status === 'PENDING')
          .map((o) => o.id)
          .sort(),
      );
    });

    it('rejects a cursor it did not issue with a ValidationFailed on "cursor"', async () => {
      const result = await repo.listByCustomer({ customerId: 'c-me', limit: 5, cursor: 'not-a-cursor!!' });
      expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'ValidationFailed', issues: [{ path: 'cursor' }] });
    });
  });
