import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProducts } from '#infra/config/seed.ts';
import { type Api, address, orderBody, startApi } from '#test/e2e/api-client.ts';

let api: Api;
let alice: string;
let bob: string;
let admin: string;
beforeAll(async () => {
  // Every order waits for an approval, so approval, update and cancel all have something to act on.
  api = await startApi({ mode: 'orchestration', approvalThreshold: 1 });
  [alice, bob, admin] = await Promise.all([
    api.tokenFor('alice'),
    api.tokenFor('bob'),
    api.tokenFor('root', ['admin']),
  ]);
});
afterAll(() => api.close());

const place = async (token: string, lines = [{ sku: 'BOOK-DDD', quantity: 2 }]) => {
  const r = await api.call('POST', '/orders', { token, body: orderBody(lines) });
  expect(r.status).toBe(201);
  return r.body.orderId ?? '';
};
const writes = () => api.server.system.adapters.outbox.committed().length;
/** Waits until earlier orders' flows stop writing, so a count taken now changes only by what comes next. */
const quiet = async () => {
  let last = -1;
  while (last !== writes() || !api.server.system.sagaQuiet()) {
    last = writes();
    await new Promise((r) => setTimeout(r, 50));
  }
  return last;
};

describe('a customer only ever sees and changes their own orders', () => {
  it("another customer's order is a 404 to read, update and cancel, and absent from their list", async () => {
    const id = await place(alice);
    const before = await api.waitForStatus(id, alice, ['AWAITING_APPROVAL']);
    const writesBefore = await quiet();
    expect((await api.call('GET', `/orders/${id}`, { token: bob })).status).toBe(404);
    const list = await api.call('GET', '/orders', { token: bob });
    expect(list.status).toBe(200);
    expect(list.body.orders?.map((o) => o.orderId)).not.toContain(id);
    const moved = { shippingAddress: { ...address, city: 'Lyon' } };
    expect((await api.call('PUT', `/orders/${id}`, { token: bob, body: moved })).status).toBe(404);
    expect((await api.call('POST', `/orders/${id}/cancel`, { token: bob })).status).toBe(404);
    // Bob's answers are the answers for an order that does not exist: existence is not revealed.
    const missing = await api.call('GET', '/orders/no-such-order', { token: bob });
    expect(missing.status).toBe(404);
    expect(writes()).toBe(writesBefore);
    expect((await api.call('GET', `/orders/${id}`, { token: alice })).body).toEqual(before);
    expect((await api.call('GET', '/orders', { token: alice })).body.orders?.map((o) => o.orderId)).toContain(id);
  });

  it('only an admin decides an approval: 403 for customers, the owner included', async () => {
    const id = await place(alice);
    await api.waitForStatus(id, alice, ['AWAITING_APPROVAL']);
    for (const token of [alice, bob]) {
      const r = await api.call('POST', `/orders/${id}/approval`, { token, body: { decision: 'approve' } });
      expect(r.status).toBe(403);
    }
    expect((await api.call('GET', `/orders/${id}`, { token: alice })).body.status).toBe('AWAITING_APPROVAL');
    const decided = await api.call('POST', `/orders/${id}/approval`, { token: admin, body: { decision: 'approve' } });
    expect(decided.status).toBe(200);
    expect((await api.waitForStatus(id, alice)).status).toBe('CONFIRMED');
  });
});

describe('the client cannot set prices', () => {
  it.each([
    ['total', { total: { amount: 1, currency: 'EUR' } }],
    ['price', { price: 1 }],
    ['customerId', { customerId: 'bob' }],
    ['status', { status: 'CONFIRMED' }],
  ])('an extra top-level %s is a 400 naming it, and nothing is written', async (_, extra) => {
    const before = await quiet();
    const r = await api.call('POST', '/orders', {
      token: alice,
      body: { ...orderBody([{ sku: 'BOOK-DDD', quantity: 1 }]), ...extra },
    });
    expect(r.status).toBe(400);
    expect(r.body.issues?.length).toBeGreaterThan(0);
    expect(writes()).toBe(before);
  });

  it('a unitPrice on a line is a 400 with the line path', async () => {
    const before = await quiet();
    const body = orderBody([{ sku: 'BOOK-DDD', quantity: 1, unitPrice: { amount: 1, currency: 'EUR' } } as never]);
    const r = await api.call('POST', '/orders', { token: alice, body });
    expect(r.status).toBe(400);
    expect(r.body.issues?.map((i) => i.path).join(' ')).toMatch(/lines\[0\]/);
    expect(writes()).toBe(before);
  });

  it('the stored order is priced from the catalog', async () => {
    const lines = [
      { sku: 'BOOK-DDD', quantity: 2 },
      { sku: 'MUG-LAMBDA', quantity: 3 },
    ];
    const id = await place(alice, lines);
    const stored = (await api.server.system.adapters.orders.load(id))._unsafeUnwrap()?.state;
    const price = (sku: string) => seedProducts.find((p) => p.sku === sku)?.price.amount ?? Number.NaN;
    expect(stored?.lines.map((l) => [l.sku, l.unitPrice.amount])).toEqual(lines.map((l) => [l.sku, price(l.sku)]));
    expect(stored?.total.amount).toBe(2 * price('BOOK-DDD') + 3 * price('MUG-LAMBDA'));
  });
});

describe('oversized payloads are refused before any work', () => {
  it.each([
    ['over the handler limit (16 KiB)', 17 * 1024],
    ['over the API limit (10 MiB)', 10 * 1024 * 1024 + 1],
  ])('%s: 413 and nothing written', async (_, size) => {
    const before = await quiet();
    const body = JSON.stringify({ ...orderBody([{ sku: 'BOOK-DDD', quantity: 1 }]), pad: 'x'.repeat(size) });
    const r = await api.call('POST', '/orders', { token: alice, body });
    expect(r.status).toBe(413);
    expect(writes()).toBe(before);
  });
});
