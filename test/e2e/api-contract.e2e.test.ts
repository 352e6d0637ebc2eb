import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalIssuer, generateIssuerKey } from '#adapters/lambda/auth/local-issuer.ts';
import { type Api, orderBody, startApi } from './api-client.ts';

describe('local HTTP API contract', () => {
  let api: Api;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    api = await startApi({ mode: 'orchestration' });
    alice = await api.tokenFor('alice');
    bob = await api.tokenFor('bob');
  });
  afterAll(() => api.close());

  it('creates one order for two POSTs with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': `key-${Date.now()}` };
    const body = orderBody([{ sku: 'TEE-EVENTS', quantity: 1 }]);
    const first = await api.call('POST', '/orders', { token: alice, body, headers });
    const second = await api.call('POST', '/orders', { token: alice, body, headers });
    expect(first.status).toBe(201);
    expect([200, 201]).toContain(second.status);
    expect(second.body.orderId).toBe(first.body.orderId);
    const listed = await api.call('GET', '/orders', { token: alice });
    expect(listed.status).toBe(200);
    expect(listed.body.orders?.filter((o) => o.orderId === first.body.orderId)).toHaveLength(1);
  });

  it("answers 404 for another customer's order, exactly as for a missing one", async () => {
    const placed = await api.call('POST', '/orders', {
      token: alice,
      body: orderBody([{ sku: 'BOOK-DDD', quantity: 1 }]),
    });
    expect(placed.status).toBe(201);
    const asBob = await api.call('GET', `/orders/${placed.body.orderId}`, { token: bob });
    const missing = await api.call('GET', '/orders/no-such-order', { token: bob });
    expect(asBob.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(asBob.body.error).toBe(missing.body.error);
    expect((await api.call('GET', '/orders', { token: bob })).body.orders).toEqual([]);
  });

  it('answers 401 { message: Unauthorized } without a token, with an expired one, a forged one or junk', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await api.server.issuer.issueToken({
      customerId: 'alice',
      issuedAt: now - 7_200,
      expiresIn: now - 3_600,
    });
    const stranger = await createLocalIssuer({ privateJwk: await generateIssuerKey() });
    const forged = await stranger.issueToken({ customerId: 'alice' });
    for (const token of [undefined, expired, forged, 'not.a.jwt']) {
      const res = await api.call('GET', '/orders', token === undefined ? {} : { token });
      expect(res.status, String(token)).toBe(401);
      expect(res.body).toEqual({ message: 'Unauthorized' });
    }
    const basic = await api.call('GET', '/orders', { headers: { authorization: 'Basic YWxpY2U6eA==' } });
    expect(basic.status).toBe(401);
  });

  it('answers 400 with field errors for invalid bodies', async () => {
    const bad = await api.call('POST', '/orders', {
      token: alice,
      body: { lines: [{ sku: 'BOOK-DDD', quantity: 0 }], shippingAddress: { name: 'Ada' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('ValidationFailed');
    const paths = bad.body.issues?.map((i) => i.path) ?? [];
    expect(paths.some((p) => p.startsWith('lines'))).toBe(true);
    expect(paths.some((p) => p.startsWith('shippingAddress'))).toBe(true);
    expect(paths).toContain('paymentToken');
    const notJson = await api.call('POST', '/orders', { token: alice, body: '{"lines": [' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.issues).toEqual([{ path: '(body)', message: 'must be valid JSON' }]);
  });

  it('answers 404 { message: Not Found } for a route the API does not declare', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['DELETE', '/orders/x'],
      ['GET', '/orders/x/approval'],
    ] as const) {
      const res = await api.call(method, path, { token: alice });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body).toEqual({ message: 'Not Found' });
    }
  });

  it('serves GET /products without a token, and a customer can cancel an open order', async () => {
    const products = await api.call('GET', '/products');
    expect(products.status).toBe(200);
    expect(products.body.products?.find((p) => p.sku === 'LIMITED-PRINT')?.available).toBe(3);
    const placed = await api.call('POST', '/orders', {
      token: alice,
      body: orderBody([{ sku: 'LAPTOP-PRO', quantity: 1 }]),
    });
    const id = placed.body.orderId ?? '';
    await api.waitForStatus(id, alice, ['AWAITING_APPROVAL']);
    const cancelled = await api.call('POST', `/orders/${id}/cancel`, { token: alice });
    expect(cancelled.status).toBe(200);
    expect(await api.waitForStatus(id, alice, ['CANCELLED'])).toMatchObject({
      cancellationReason: 'CUSTOMER_CANCELLED',
    });
  });
});
