import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderFlowMode } from '#infra/topology/names.ts';
import { type Api, orderBody, startApi } from './api-client.ts';

const MODES: OrderFlowMode[] = ['orchestration', 'choreography'];

describe.each(MODES)('order flow over HTTP (%s)', (mode) => {
  let api: Api;
  let customer: string;
  let admin: string;
  beforeAll(async () => {
    api = await startApi({ mode, approvalThreshold: 100_000 });
    customer = await api.tokenFor('c-1');
    admin = await api.tokenFor('ops-1', ['admin']);
  });
  afterAll(() => api.close());

  const place = async (body: unknown) => {
    const res = await api.call('POST', '/orders', { token: customer, body });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/orders/${res.body.orderId}`);
    return res.body.orderId as string;
  };

  it('confirms an order and takes it out of the available stock', async () => {
    const before = await api.available('BOOK-DDD');
    const id = await place(orderBody([{ sku: 'BOOK-DDD', quantity: 2 }]));
    const order = await api.waitForStatus(id, customer);
    expect(order).toMatchObject({ status: 'CONFIRMED', total: { amount: 2 * 5_490, currency: 'EUR' } });
    expect(order.cancellationReason).toBeUndefined();
    expect(await api.available('BOOK-DDD')).toBe((before ?? 0) - 2);
  });

  it('holds a high-value order for approval until an admin approves it', async () => {
    const id = await place(orderBody([{ sku: 'LAPTOP-PRO', quantity: 1 }]));
    expect(await api.waitForStatus(id, customer, ['AWAITING_APPROVAL', 'CONFIRMED', 'CANCELLED'])).toMatchObject({
      status: 'AWAITING_APPROVAL',
      approvalRequired: true,
    });
    // A customer may not decide; an admin may.
    const denied = await api.call('POST', `/orders/${id}/approval`, { token: customer, body: { decision: 'approve' } });
    expect(denied.status).toBe(403);
    const approved = await api.call('POST', `/orders/${id}/approval`, { token: admin, body: { decision: 'approve' } });
    expect(approved.status).toBe(200);
    expect((await api.waitForStatus(id, customer)).status).toBe('CONFIRMED');
  });

  it('cancels a high-value order with REJECTED when an admin rejects it, releasing its stock', async () => {
    const before = await api.available('DESK-OAK');
    const id = await place(orderBody([{ sku: 'DESK-OAK', quantity: 2 }])); // 179 800 ≥ 100 000
    await api.waitForStatus(id, customer, ['AWAITING_APPROVAL']);
    const res = await api.call('POST', `/orders/${id}/approval`, { token: admin, body: { decision: 'reject' } });
    expect(res.status).toBe(200);
    expect(await api.waitForStatus(id, customer)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'REJECTED',
    });
    await expect.poll(() => api.available('DESK-OAK'), { timeout: 5_000, interval: 20 }).toBe(before);
  });

  it('cancels with OUT_OF_STOCK above the available stock and leaves the stock unchanged', async () => {
    const print = await api.available('LIMITED-PRINT');
    const book = await api.available('BOOK-EIP');
    expect(print).toBe(3);
    const id = await place(
      orderBody([
        { sku: 'BOOK-EIP', quantity: 1 },
        { sku: 'LIMITED-PRINT', quantity: 4 },
      ]),
    );
    expect(await api.waitForStatus(id, customer)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'OUT_OF_STOCK',
    });
    await expect.poll(() => api.available('BOOK-EIP'), { timeout: 5_000, interval: 20 }).toBe(book);
    expect(await api.available('LIMITED-PRINT')).toBe(3);
  });

  it('cancels with PAYMENT_DECLINED and releases the reserved stock', async () => {
    const before = await api.available('MUG-LAMBDA');
    const id = await place(orderBody([{ sku: 'MUG-LAMBDA', quantity: 3 }], 'tok_decline'));
    expect(await api.waitForStatus(id, customer)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'PAYMENT_DECLINED',
    });
    await expect.poll(() => api.available('MUG-LAMBDA'), { timeout: 5_000, interval: 20 }).toBe(before);
  });
});
