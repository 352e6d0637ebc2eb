import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '#adapters/lambda/http/request.ts';
import { TOKENS } from '#infra/container/tokens.ts';
import { ADMIN, OTHER_CUSTOMER } from '#test/fixtures/events/http-events.ts';
import { ADDRESS, aPlaceOrderBody, createHttpHarness } from './http-harness.ts';

describe('POST /orders', () => {
  it('answers 201 with the order view, a location, JSON and the correlation id', async () => {
    const { send } = createHttpHarness();
    const res = await send({ route: 'POST /orders', body: aPlaceOrderBody(), headers: { 'x-correlation-id': 'c-42' } });
    expect(res.statusCode).toBe(201);
    expect(res.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-correlation-id': 'c-42',
      location: `/orders/${res.json.orderId}`,
    });
    expect(res.json).toEqual({
      orderId: expect.any(String),
      status: 'PENDING',
      customerId: 'cust-0001',
      lines: [{ sku: 'BOOK-DDD', quantity: 2, unitPrice: { amount: 5490, currency: 'EUR' } }],
      total: { amount: 10980, currency: 'EUR' },
      shippingAddress: ADDRESS,
      approvalRequired: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(res.json).not.toHaveProperty('paymentToken');
  });

  it('answers 400 with one issue per field path', async () => {
    const { send } = createHttpHarness();
    const res = await send({
      route: 'POST /orders',
      body: aPlaceOrderBody({ lines: [{ sku: 'BOOK-DDD', quantity: 0 }], paymentToken: 'visa' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json.error).toBe('ValidationFailed');
    const paths = (res.json.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['lines[0].quantity', 'paymentToken']));
  });

  it('answers 400 on an unknown SKU, with the line it is on', async () => {
    const { send } = createHttpHarness();
    const res = await send({ route: 'POST /orders', body: aPlaceOrderBody({ lines: [{ sku: 'NOPE', quantity: 1 }] }) });
    expect(res.statusCode).toBe(400);
    expect(res.json.issues).toEqual([{ path: 'lines[0].sku', message: 'unknown SKU' }]);
  });

  it.each([
    ['invalid JSON', '{"lines": ['],
    ['an empty body', ''],
  ])('answers 400 on %s, with the issue on (body)', async (_, rawBody) => {
    const { send } = createHttpHarness();
    const res = await send({ route: 'POST /orders', rawBody });
    expect(res.statusCode).toBe(400);
    expect(res.json).toEqual({
      error: 'ValidationFailed',
      message: expect.any(String),
      issues: [{ path: '(body)', message: expect.any(String) }],
    });
  });

  it('decodes a base64 body', async () => {
    const { send } = createHttpHarness();
    const res = await send({ route: 'POST /orders', body: aPlaceOrderBody(), base64: true });
    expect(res.statusCode).toBe(201);
  });

  it.each([false, true])('answers 413 above the limit before parsing anything (base64: %s)', async (base64) => {
    const { send } = createHttpHarness();
    // Not even JSON: a 400 here would mean the body was parsed before its size was checked.
    const res = await send({ route: 'POST /orders', rawBody: 'x'.repeat(MAX_BODY_BYTES + 1), base64 });
    expect(res.statusCode).toBe(413);
    expect(res.json).toEqual({ error: 'PayloadTooLarge', message: `the body is larger than ${MAX_BODY_BYTES} bytes` });
  });

  it('counts bytes, not characters: 6000 euro signs are 18 000 bytes', async () => {
    const { send } = createHttpHarness();
    const res = await send({ route: 'POST /orders', body: aPlaceOrderBody({ note: '€'.repeat(6000) }) });
    expect(res.statusCode).toBe(413);
  });

  it('answers 401 without an authorizer context', async () => {
    const { send } = createHttpHarness();
    const res = await send({ route: 'POST /orders', body: aPlaceOrderBody(), caller: 'anonymous' });
    expect(res.statusCode).toBe(401);
    expect(res.json.error).toBe('Unauthenticated');
  });

  it('replays an Idempotency-Key: the same order, and only one order stored', async () => {
    const { send, adapters } = createHttpHarness();
    const request = { route: 'POST /orders', body: aPlaceOrderBody(), headers: { 'idempotency-key': 'k-1' } };
    const first = await send(request);
    const second = await send(request);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json).toEqual(first.json);
    const listed = await adapters.orders.listByCustomer({ customerId: 'cust-0001', limit: 10 });
    expect(listed._unsafeUnwrap().items).toHaveLength(1);
  });

  it('answers 422 when an Idempotency-Key comes back with another body, and 400 on a junk key', async () => {
    const { send } = createHttpHarness();
    await send({ route: 'POST /orders', body: aPlaceOrderBody(), headers: { 'idempotency-key': 'k-1' } });
    const reused = await send({
      route: 'POST /orders',
      body: aPlaceOrderBody({ paymentToken: 'tok_other' }),
      headers: { 'idempotency-key': 'k-1' },
    });
    expect(reused.statusCode).toBe(422);
    const junk = await send({ route: 'POST /orders', body: aPlaceOrderBody(), headers: { 'idempotency-key': 'a b' } });
    expect(junk.statusCode).toBe(400);
    expect(junk.json.issues).toEqual([{ path: 'Idempotency-Key', message: expect.any(String) }]);
  });

  it('keeps a sane x-correlation-id, and replaces one that could forge log lines', async () => {
    const { send } = createHttpHarness();
    const forged = await send({
      route: 'POST /orders',
      body: aPlaceOrderBody(),
      headers: { 'x-correlation-id': 'x"\n{"level":"ERROR"}' },
    });
    expect(forged.headers?.['x-correlation-id']).toBe('corr-1');
    const none = await send({ route: 'POST /orders', body: aPlaceOrderBody() });
    expect(none.headers?.['x-correlation-id']).toBe('corr-2');
  });
});

describe('GET /orders/{id}', () => {
  it('answers 200 to the owner and 404 to another customer, exactly as for a missing order', async () => {
    const { send, place } = createHttpHarness();
    const { orderId } = await place();
    const mine = await send({ route: 'GET /orders/{id}', pathParameters: { id: orderId } });
    expect(mine.statusCode).toBe(200);
    expect(mine.json.orderId).toBe(orderId);
    const theirs = await send({ route: 'GET /orders/{id}', pathParameters: { id: orderId }, caller: OTHER_CUSTOMER });
    const missing = await send({ route: 'GET /orders/{id}', pathParameters: { id: 'no-such-order' } });
    expect(theirs.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(theirs.json.error).toBe('OrderNotFound');
    expect(theirs.json.message).toBe(`order ${orderId} was not found`);
  });
});

describe('GET /orders', () => {
  it('pages through the caller’s own orders, newest first, filtered by status', async () => {
    const { send, place, clock } = createHttpHarness();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await place()).orderId);
      clock.advance(1000);
    }
    await place(aPlaceOrderBody(), OTHER_CUSTOMER);
    await send({ route: 'POST /orders/{id}/cancel', pathParameters: { id: ids[0]! } });

    const first = await send({ route: 'GET /orders', query: { limit: '2' } });
    expect(first.statusCode).toBe(200);
    expect((first.json.orders as { orderId: string }[]).map((o) => o.orderId)).toEqual([ids[2], ids[1]]);
    const next = await send({ route: 'GET /orders', query: { limit: '2', cursor: String(first.json.nextCursor) } });
    expect((next.json.orders as { orderId: string }[]).map((o) => o.orderId)).toEqual([ids[0]]);
    expect(next.json).not.toHaveProperty('nextCursor');

    const cancelled = await send({ route: 'GET /orders', query: { status: 'CANCELLED' } });
    expect((cancelled.json.orders as { orderId: string }[]).map((o) => o.orderId)).toEqual([ids[0]]);
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: 'many' }, 'limit'],
    [{ status: 'LOST' }, 'status'],
    [{ cursor: 'not-a-cursor' }, 'cursor'],
  ])('answers 400 on %o with the parameter as the path', async (query, path) => {
    const { send } = createHttpHarness();
    const res = await send({ route: 'GET /orders', query });
    expect(res.statusCode).toBe(400);
    expect((res.json.issues as { path: string }[]).map((i) => i.path)).toContain(path);
  });
});

describe('PUT /orders/{id}', () => {
  const newAddress = { ...ADDRESS, line1: '1 New Road' };

  it('changes the shipping address of an open order, and answers 409 once it is cancelled', async () => {
    const { send, place } = createHttpHarness();
    const { orderId } = await place();
    const changed = await send({
      route: 'PUT /orders/{id}',
      pathParameters: { id: orderId },
      body: { shippingAddress: newAddress },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json.shippingAddress).toEqual(newAddress);
    await send({ route: 'POST /orders/{id}/cancel', pathParameters: { id: orderId } });
    const late = await send({
      route: 'PUT /orders/{id}',
      pathParameters: { id: orderId },
      body: { shippingAddress: ADDRESS },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json.error).toBe('OrderNotEditable');
  });

  it('answers 400 with field paths, and 404 on another customer’s order', async () => {
    const { send, place } = createHttpHarness();
    const { orderId } = await place();
    const bad = await send({
      route: 'PUT /orders/{id}',
      pathParameters: { id: orderId },
      body: { shippingAddress: { ...ADDRESS, country: 'France' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json.issues).toEqual([{ path: 'shippingAddress.country', message: expect.any(String) }]);
    const theirs = await send({
      route: 'PUT /orders/{id}',
      pathParameters: { id: orderId },
      body: { shippingAddress: newAddress },
      caller: OTHER_CUSTOMER,
    });
    expect(theirs.statusCode).toBe(404);
  });
});

describe('POST /orders/{id}/cancel', () => {
  it('cancels with CUSTOMER_CANCELLED, twice is still 200, and another customer gets 404', async () => {
    const { send, place } = createHttpHarness();
    const { orderId } = await place();
    const theirs = await send({
      route: 'POST /orders/{id}/cancel',
      pathParameters: { id: orderId },
      caller: OTHER_CUSTOMER,
    });
    expect(theirs.statusCode).toBe(404);
    const first = await send({ route: 'POST /orders/{id}/cancel', pathParameters: { id: orderId } });
    expect(first.statusCode).toBe(200);
    expect(first.json).toMatchObject({ status: 'CANCELLED', cancellationReason: 'CUSTOMER_CANCELLED' });
    const again = await send({ route: 'POST /orders/{id}/cancel', pathParameters: { id: orderId } });
    expect(again.statusCode).toBe(200);
    expect(again.json).toEqual(first.json);
  });
});

describe('POST /orders/{id}/approval', () => {
  const placeBigOrder = async (harness: ReturnType<typeof createHttpHarness>) => {
    const { orderId } = await harness.place(aPlaceOrderBody({ lines: [{ sku: 'LAPTOP-PRO', quantity: 1 }] }));
    const requested = await harness.container.get(TOKENS.requestApproval)(
      { orderId },
      { correlationId: 'saga', causationId: 'saga' },
    );
    expect(requested._unsafeUnwrap().status).toBe('AWAITING_APPROVAL');
    return orderId;
  };

  it('answers 403 to a customer whatever the body, even on their own order', async () => {
    const harness = createHttpHarness();
    const orderId = await placeBigOrder(harness);
    for (const rawBody of ['{"decision":"approve"}', 'not json']) {
      const res = await harness.send({ route: 'POST /orders/{id}/approval', pathParameters: { id: orderId }, rawBody });
      expect(res.statusCode).toBe(403);
      expect(res.json.error).toBe('Forbidden');
    }
  });

  it('lets an admin approve an order awaiting approval, then answers 409 to a contrary decision', async () => {
    const harness = createHttpHarness();
    const orderId = await placeBigOrder(harness);
    const approved = await harness.send({
      route: 'POST /orders/{id}/approval',
      pathParameters: { id: orderId },
      body: { decision: 'approve' },
      caller: ADMIN,
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json).toMatchObject({ orderId, approvalRequired: true });
    const rejected = await harness.send({
      route: 'POST /orders/{id}/approval',
      pathParameters: { id: orderId },
      body: { decision: 'reject' },
      caller: ADMIN,
    });
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json.error).toBe('ApprovalNotPending');
  });

  it('answers 400 to an admin with a bad decision, and 404 on a missing order', async () => {
    const harness = createHttpHarness();
    const orderId = await placeBigOrder(harness);
    const bad = await harness.send({
      route: 'POST /orders/{id}/approval',
      pathParameters: { id: orderId },
      body: { decision: 'maybe' },
      caller: ADMIN,
    });
    expect(bad.statusCode).toBe(400);
    expect((bad.json.issues as { path: string }[])[0]?.path).toBe('decision');
    const missing = await harness.send({
      route: 'POST /orders/{id}/approval',
      pathParameters: { id: 'nope' },
      body: { decision: 'approve' },
      caller: ADMIN,
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('GET /products', () => {
  it('lists products with prices in minor units, their currency and what is available, without an actor', async () => {
    const { send } = createHttpHarness({
      products: [
        { sku: 'MUG' as never, name: 'Mug', price: { amount: 1500, currency: 'EUR' } },
        { sku: 'PEN' as never, name: 'Pen', price: { amount: 250, currency: 'EUR' } },
      ],
      stock: { MUG: 7 },
    });
    const res = await send({ route: 'GET /products', caller: 'anonymous' });
    expect(res.statusCode).toBe(200);
    expect(res.json).toEqual({
      products: [
        { sku: 'MUG', name: 'Mug', price: 1500, currency: 'EUR', available: 7 },
        { sku: 'PEN', name: 'Pen', price: 250, currency: 'EUR', available: 0 },
      ],
    });
  });
});
