import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { okAsync } from 'neverthrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoApprovalTokens } from '#adapters/dynamodb/approval-tokens.dynamodb.ts';
import { itemSize, MAX_ITEM_BYTES } from '#adapters/dynamodb/item-size.ts';
import { createDynamoOrderRepository } from '#adapters/dynamodb/order-repository.dynamodb.ts';
import { createOutboxRelay } from '#adapters/dynamodb/outbox-relay.dynamodb.ts';
import { createDynamoStockRepository } from '#adapters/dynamodb/stock-repository.dynamodb.ts';
import type { EventEnvelope } from '#domain/events.ts';
import type { Order } from '#domain/order/order.ts';
import type { OrderId, Sku } from '#domain/shared/ids.ts';
import { anEnvelope } from '#test/contract/harness.ts';
import { anOrder } from '#test/fixtures/arbitraries.ts';
import { describeOnDynamoDbLocal } from '#test/support/describe-on-dynamodb-local.ts';
import { createFreshTable, outboxEnvelopes } from '#test/support/dynamodb-local.ts';

// What the contracts do not pin down: the outbox item format and its relay, GSI paging details, the
// transaction limits, and the time-based rules of approval tokens (idempotency keys over time are in the contract).

const at = (iso: string) => () => new Date(iso);
const orderOf = (base: Order, i: number, customerId: string, placedAt: string, status: Order['status']): Order => ({
  ...base,
  id: `${customerId}-o-${String(i).padStart(3, '0')}` as Order['id'],
  customerId: customerId as Order['customerId'],
  placedAt,
  status,
});

describeOnDynamoDbLocal('DynamoDB adapters', (local) => {
  let tableName: string;
  beforeAll(async () => {
    tableName = await createFreshTable(local().client);
  });
  const config = () => ({ client: local().doc, tableName });
  const base = () => fc.sample(anOrder(), 1)[0]!;

  describe('orders and the outbox', () => {
    it('writes one outbox item per event in the save, with the exact envelope JSON and a TTL', async () => {
      const repo = createDynamoOrderRepository({
        ...config(),
        clock: at('2026-03-01T00:00:00Z'),
        outboxTtlSeconds: 60,
      });
      const order = { ...base(), id: 'o-outbox' as Order['id'] };
      const events = [anEnvelope(order.id), anEnvelope(order.id)];
      expect((await repo.save(order, { expectedVersion: 0, events }))._unsafeUnwrap()).toBe(1);
      for (const e of events) {
        const { Item } = await local().client.send(
          new GetItemCommand({ TableName: tableName, Key: { pk: { S: `OUTBOX#${e.id}` }, sk: { S: 'OUTBOX' } } }),
        );
        expect(Item?.envelope?.S).toBe(JSON.stringify(e));
        expect(Item?.expiresAt?.N).toBe(String(Date.parse('2026-03-01T00:00:00Z') / 1000 + 60));
      }
    });

    it('relays the stored outbox item, read back as a stream INSERT, as the very envelope that was saved', async () => {
      const repo = createDynamoOrderRepository(config());
      const order = { ...base(), id: 'o-relay' as Order['id'] };
      const event = anEnvelope(order.id);
      await repo.save(order, { expectedVersion: 0, events: [event] });
      const { Item } = await local().client.send(
        new GetItemCommand({ TableName: tableName, Key: { pk: { S: `OUTBOX#${event.id}` }, sk: { S: 'OUTBOX' } } }),
      );
      const published: EventEnvelope[] = [];
      const relay = createOutboxRelay({ publisher: { publish: (es) => okAsync(void published.push(...es)) } });
      const response = await relay({
        Records: [
          { eventName: 'INSERT', dynamodb: { SequenceNumber: '1', NewImage: JSON.parse(JSON.stringify(Item)) } },
        ],
      });
      expect(response.batchItemFailures).toEqual([]);
      expect(published).toEqual([event]);
    });

    it('lets exactly one of several concurrent writers at the same version win, with only its events', async () => {
      const repo = createDynamoOrderRepository(config());
      const order = { ...base(), id: 'o-race' as Order['id'] };
      await repo.save(order, { expectedVersion: 0, events: [] });
      const writers = Array.from({ length: 8 }, () => anEnvelope(order.id));
      const results = await Promise.all(
        writers.map((e) => repo.save({ ...order, status: 'CONFIRMED' }, { expectedVersion: 1, events: [e] })),
      );
      expect(results.filter((r) => r.isOk())).toHaveLength(1);
      expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().kind)).toEqual(
        Array(7).fill('VersionConflict'),
      );
      const winner = writers[results.findIndex((r) => r.isOk())]!;
      const stored = (await outboxEnvelopes(local().client, tableName)).filter((e) =>
        writers.some((w) => w.id === e.id),
      );
      expect(stored.map((e) => e.id)).toEqual([winner.id]);
      expect((await repo.load(order.id))._unsafeUnwrap()?.version).toBe(2);
    });

    it('refuses more than 100 items in one transaction before sending anything', async () => {
      const repo = createDynamoOrderRepository(config());
      const order = { ...base(), id: 'o-huge' as Order['id'] };
      const events = Array.from({ length: 100 }, () => anEnvelope(order.id));
      const result = await repo.save(order, { expectedVersion: 0, events });
      expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'Unavailable', message: expect.stringMatching(/100/) });
      expect((await repo.load(order.id))._unsafeUnwrap()).toBeUndefined();
    });
  });

  describe('listing by customer (gsi1)', () => {
    const pages = async (customerId: string, limit: number, status?: Order['status']) => {
      const repo = createDynamoOrderRepository(config());
      const seen: Order[][] = [];
      let cursor: string | undefined;
      do {
        const page = (
          await repo.listByCustomer({ customerId, limit, ...(status && { status }), ...(cursor && { cursor }) })
        )._unsafeUnwrap();
        seen.push([...page.items]);
        cursor = page.nextCursor;
      } while (cursor && seen.length < 100);
      return seen;
    };

    it('pages through any set of orders newest first, each once, and only says "more" when there is more', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({ second: fc.integer({ min: 0, max: 40 }), pending: fc.boolean(), millis: fc.boolean() }),
            { maxLength: 14 },
          ),
          fc.integer({ min: 1, max: 5 }),
          fc.boolean(),
          async (specs, limit, filtered) => {
            const customerId = `c-prop-${run++}`;
            const repo = createDynamoOrderRepository(config());
            const orders = specs.map((s, i) => {
              // Both ISO shapes the schema accepts; the index must still sort them by instant.
              const ss = String(s.second).padStart(2, '0');
              const placedAt = s.millis ? `2026-01-01T00:00:${ss}.500Z` : `2026-01-01T00:00:${ss}Z`;
              return orderOf(base(), i, customerId, placedAt, s.pending ? 'PENDING' : 'CONFIRMED');
            });
            for (const o of orders) expect((await repo.save(o, { expectedVersion: 0, events: [] })).isOk()).toBe(true);
            const expected = orders
              .filter((o) => !filtered || o.status === 'PENDING')
              .sort((a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt) || (b.id > a.id ? 1 : -1))
              .map((o) => o.id);
            const got = await pages(customerId, limit, filtered ? 'PENDING' : undefined);
            expect(got.flat().map((o) => o.id)).toEqual(expected);
            for (const page of got.slice(0, -1)) expect(page).toHaveLength(limit);
            expect(got.at(-1)!.length).toBeGreaterThan(expected.length === 0 ? -1 : 0);
          },
        ),
        { numRuns: 12 },
      );
    });

    it('honours the limit with a sparse status filter across many DynamoDB pages', async () => {
      const repo = createDynamoOrderRepository(config());
      const orders = Array.from({ length: 230 }, (_, i) =>
        orderOf(
          base(),
          i,
          'c-sparse',
          new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
          i % 50 === 0 ? 'PENDING' : 'CONFIRMED',
        ),
      );
      for (let i = 0; i < orders.length; i += 25) {
        const saved = await Promise.all(
          orders.slice(i, i + 25).map((o) => repo.save(o, { expectedVersion: 0, events: [] })),
        );
        expect(saved.every((r) => r.isOk())).toBe(true);
      }
      const got = await pages('c-sparse', 2, 'PENDING');
      expect(got.map((p) => p.map((o) => o.id.replace('c-sparse-', '')))).toEqual([
        ['o-200', 'o-150'],
        ['o-100', 'o-050'],
        ['o-000'],
      ]);
    });

    it('rejects a cursor made for another customer or edited, as ValidationFailed on "cursor"', async () => {
      const repo = createDynamoOrderRepository(config());
      for (let i = 0; i < 3; i++) {
        await repo.save(orderOf(base(), 900 + i, 'c-cursor', `2026-02-0${i + 1}T00:00:00Z`, 'PENDING'), {
          expectedVersion: 0,
          events: [],
        });
      }
      const first = (await repo.listByCustomer({ customerId: 'c-cursor', limit: 1 }))._unsafeUnwrap();
      const cursor = first.nextCursor!;
      const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString());
      const forged = [
        Buffer.from(JSON.stringify({ ...decoded, gsi1pk: 'CUSTOMER#c-victim' })).toString('base64url'),
        Buffer.from(JSON.stringify({ ...decoded, extra: 1 })).toString('base64url'),
        Buffer.from('{"pk":').toString('base64url'),
        `${cursor}%`,
      ];
      for (const c of forged) {
        const result = await repo.listByCustomer({ customerId: 'c-cursor', limit: 1, cursor: c });
        expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'ValidationFailed', issues: [{ path: 'cursor' }] });
      }
      const second = (await repo.listByCustomer({ customerId: 'c-cursor', limit: 1, cursor }))._unsafeUnwrap();
      expect(second.items.map((o) => o.id)).toEqual(['c-cursor-o-901']);
    });
  });

  describe('stock', () => {
    const sku = (i: number) => `SKU-BULK-${i}` as Sku;
    const item = (s: Sku, onHand: number, reserved = 0) => ({ sku: s, onHand, reserved });

    it('loads more SKUs than one BatchGetItem holds, ignoring repeated SKUs', async () => {
      const repo = createDynamoStockRepository(config());
      for (let i = 0; i < 150; i += 50) {
        const changes = Array.from({ length: 50 }, (_, j) => ({ item: item(sku(i + j), i + j), expectedVersion: 0 }));
        expect((await repo.saveMany(changes, [])).isOk()).toBe(true);
      }
      const wanted = [...Array.from({ length: 150 }, (_, i) => sku(i)), sku(3), sku(149), 'SKU-MISSING' as Sku];
      const found = (await repo.loadMany(wanted))._unsafeUnwrap();
      expect(found.size).toBe(150);
      expect(found.get(sku(149))).toEqual({ state: item(sku(149), 149), version: 1 });
    });

    it("round-trips an order's hold, conditional on its version", async () => {
      const repo = createDynamoStockRepository(config());
      const hold = { orderId: 'o-hold' as OrderId, status: 'RESERVED' as const, lines: [{ sku: sku(1), quantity: 2 }] };
      expect((await repo.loadHold(hold.orderId))._unsafeUnwrap()).toBeUndefined();
      expect((await repo.saveMany([], [], { hold, expectedVersion: 0 })).isOk()).toBe(true);
      expect((await repo.loadHold(hold.orderId))._unsafeUnwrap()).toEqual({ state: hold, version: 1 });
      const stale = await repo.saveMany([], [], { hold: { ...hold, status: 'RELEASED' }, expectedVersion: 0 });
      expect(stale._unsafeUnwrapErr().kind).toBe('VersionConflict');
    });

    it('counts item size exactly as DynamoDB does: an item of exactly 400 KB is stored, one byte more is refused', async () => {
      const withPad = (pad: number) => ({
        pk: 'SKU#SIZE',
        sk: 'STOCK',
        type: 'StockItem',
        version: 1,
        pad: 'y'.repeat(pad),
      });
      const exact = MAX_ITEM_BYTES - itemSize(withPad(0));
      expect(itemSize(withPad(exact))).toBe(MAX_ITEM_BYTES);
      await expect(
        local().doc.send(new PutCommand({ TableName: tableName, Item: withPad(exact) })),
      ).resolves.toBeDefined();
      await expect(
        local().doc.send(new PutCommand({ TableName: tableName, Item: withPad(exact + 1) })),
      ).rejects.toThrow(/Item size has exceeded/);
    });

    it('reports an item over the 400 KB limit as Unavailable naming it, and writes nothing', async () => {
      const repo = createDynamoStockRepository(config());
      // Only a hold can grow (one line per SKU of its order); 13,000 lines is far past any order the API accepts.
      const lines = Array.from({ length: 13_000 }, (_, i) => ({ sku: sku(i), quantity: 1 }));
      const event = anEnvelope('o-big');
      const result = await repo.saveMany([{ item: item('SKU-SMALL' as Sku, 1), expectedVersion: 0 }], [event], {
        hold: { orderId: 'o-big' as OrderId, status: 'RESERVED', lines },
        expectedVersion: 0,
      });
      expect(result._unsafeUnwrapErr()).toMatchObject({
        kind: 'Unavailable',
        message: expect.stringContaining('o-big'),
      });
      expect((await repo.loadMany(['SKU-SMALL' as Sku]))._unsafeUnwrap().size).toBe(0);
      expect((await outboxEnvelopes(local().client, tableName)).map((e) => e.id)).not.toContain(event.id);
    });
  });

  describe('approval tokens over time', () => {
    it('hides an approval token once its TTL has passed', async () => {
      let now = Date.parse('2026-01-01T00:00:00Z');
      const tokens = createDynamoApprovalTokens({ ...config(), clock: () => new Date(now), ttlSeconds: 10 });
      await tokens.put('o-ttl', 'tok');
      expect((await tokens.get('o-ttl'))._unsafeUnwrap()).toBe('tok');
      now += 11_000;
      expect((await tokens.get('o-ttl'))._unsafeUnwrap()).toBeUndefined();
    });
  });
});
