import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateIssuerKey } from '#adapters/lambda/auth/local-issuer.ts';
import { JOURNAL_FILE } from '#infra/local/persistence/local-store.ts';
import { startPersistentApi } from '#test/local/persistent-api.ts';
import { orderBody } from './api-client.ts';

const root = mkdtempSync(join(tmpdir(), 'orderly-persist-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const issuerKey = await generateIssuerKey();
let n = 0;
const freshDir = () => join(root, `data-${++n}`);

/** What a crash leaves: the journal as it is on disk right now, while the server keeps running. */
const crashCopy = (dir: string) => {
  const copy = freshDir();
  cpSync(dir, copy, { recursive: true });
  return copy;
};

describe('npm start persistence (journal in the data folder)', () => {
  it('keeps orders, stock and idempotency records across a restart; --reset starts again from the seed', async () => {
    const dataDir = freshDir();
    const first = await startPersistentApi({ dataDir, issuerKey });
    expect(first.server.store.fresh).toBe(true);
    const token = await first.tokenFor('c-1');
    const before = await first.available('BOOK-DDD');
    const placed = await first.call('POST', '/orders', {
      token,
      body: orderBody([{ sku: 'BOOK-DDD', quantity: 2 }]),
      headers: { 'idempotency-key': 'k-1' },
    });
    expect(placed.status).toBe(201);
    const orderId = placed.body.orderId ?? '';
    expect((await first.waitForStatus(orderId, token, ['CONFIRMED', 'CANCELLED'])).status).toBe('CONFIRMED');
    expect(await first.available('BOOK-DDD')).toBe((before ?? 0) - 2);
    await first.close();

    const second = await startPersistentApi({ dataDir, issuerKey });
    try {
      expect(second.server.store).toMatchObject({ fresh: false, orders: 1, pendingEvents: 0, droppedLines: 0 });
      const got = await second.call('GET', `/orders/${orderId}`, { token });
      expect(got.body).toMatchObject({ orderId, status: 'CONFIRMED' });
      expect(await second.available('BOOK-DDD')).toBe((before ?? 0) - 2);
      // The same Idempotency-Key and body after the restart: the first order, not a second one.
      const again = await second.call('POST', '/orders', {
        token,
        body: orderBody([{ sku: 'BOOK-DDD', quantity: 2 }]),
        headers: { 'idempotency-key': 'k-1' },
      });
      expect(again.body.orderId).toBe(orderId);
      expect((await second.call('GET', '/orders', { token })).body.orders).toHaveLength(1);
    } finally {
      await second.close();
    }

    const reset = await startPersistentApi({ dataDir, issuerKey, reset: true });
    try {
      expect(reset.server.store.fresh).toBe(true);
      expect((await reset.call('GET', `/orders/${orderId}`, { token })).status).toBe(404);
      expect(await reset.available('BOOK-DDD')).toBe(before);
      // The issuer key survives --reset: the token issued before still works.
      expect((await reset.call('GET', '/orders', { token })).status).toBe(200);
    } finally {
      await reset.close();
    }
    expect(existsSync(join(dataDir, JOURNAL_FILE))).toBe(true);
  });

  it('an order waiting for approval can still be approved after a restart (its saga asks again)', async () => {
    const dataDir = freshDir();
    const first = await startPersistentApi({ dataDir, issuerKey, approvalThreshold: 1 });
    const token = await first.tokenFor('c-2');
    const admin = await first.tokenFor('ops-1', ['admin']);
    const placed = await first.call('POST', '/orders', { token, body: orderBody([{ sku: 'BOOK-DDD', quantity: 1 }]) });
    const orderId = placed.body.orderId ?? '';
    await first.waitForStatus(orderId, token, ['AWAITING_APPROVAL']);
    await first.close();

    const second = await startPersistentApi({ dataDir, issuerKey, approvalThreshold: 1 });
    try {
      expect(second.server.reconciliation.restarted).toEqual([orderId]);
      const decided = await second.call('POST', `/orders/${orderId}/approval`, {
        token: admin,
        body: { decision: 'approve' },
      });
      expect(decided.status).toBe(200);
      expect((await second.waitForStatus(orderId, token, ['CONFIRMED', 'CANCELLED'])).status).toBe('CONFIRMED');
    } finally {
      await second.close();
    }
  });

  it('after a crash, a PENDING order is driven to the end and an approved-but-unfinished one is confirmed', async () => {
    const dataDir = freshDir();
    // Captures keep failing (transient), so the sagas are stuck mid-way when the "crash" copy is taken.
    const first = await startPersistentApi({
      dataDir,
      issuerKey,
      approvalThreshold: 5_000,
      sagaTimeScale: 1,
      settleMs: 100, // its close gives up waiting for the stuck sagas quickly
      memory: { payments: { failNext: (op) => op === 'capture' } },
    });
    try {
      const token = await first.tokenFor('c-3');
      const admin = await first.tokenFor('ops-1', ['admin']);
      const small = await first.call('POST', '/orders', {
        token,
        body: orderBody([{ sku: 'MUG-LAMBDA', quantity: 1 }]),
      });
      const big = await first.call('POST', '/orders', { token, body: orderBody([{ sku: 'BOOK-DDD', quantity: 3 }]) });
      const bigId = big.body.orderId ?? '';
      expect(big.body.approvalRequired).toBe(true);
      await first.waitForStatus(bigId, token, ['AWAITING_APPROVAL']);
      await first.call('POST', `/orders/${bigId}/approval`, { token: admin, body: { decision: 'approve' } });
      await new Promise((r) => setTimeout(r, 100)); // the capture retries are waiting on real seconds
      const crashed = crashCopy(dataDir);

      const second = await startPersistentApi({ dataDir: crashed, issuerKey, approvalThreshold: 5_000 });
      try {
        expect([...second.server.reconciliation.restarted].sort()).toEqual([small.body.orderId, bigId].sort());
        expect((await second.waitForStatus(small.body.orderId ?? '', token, ['CONFIRMED', 'CANCELLED'])).status).toBe(
          'CONFIRMED',
        );
        expect((await second.waitForStatus(bigId, token, ['CONFIRMED', 'CANCELLED'])).status).toBe('CONFIRMED');
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });

  it('after a crash, an order rejected while its saga was compensating is cancelled with REJECTED', async () => {
    const dataDir = freshDir();
    // Voids keep failing (transient): the rejected order's saga is stuck in its compensation at the "crash".
    const first = await startPersistentApi({
      dataDir,
      issuerKey,
      approvalThreshold: 1,
      sagaTimeScale: 1,
      settleMs: 100,
      memory: { payments: { failNext: (op) => op === 'void' } },
    });
    try {
      const token = await first.tokenFor('c-4');
      const admin = await first.tokenFor('ops-1', ['admin']);
      const before = await first.available('KBD-MECH');
      const placed = await first.call('POST', '/orders', {
        token,
        body: orderBody([{ sku: 'KBD-MECH', quantity: 2 }]),
      });
      const orderId = placed.body.orderId ?? '';
      await first.waitForStatus(orderId, token, ['AWAITING_APPROVAL']);
      await first.call('POST', `/orders/${orderId}/approval`, { token: admin, body: { decision: 'reject' } });
      await new Promise((r) => setTimeout(r, 100));
      expect((await first.call('GET', `/orders/${orderId}`, { token })).body.status).toBe('AWAITING_APPROVAL');

      const second = await startPersistentApi({ dataDir: crashCopy(dataDir), issuerKey, approvalThreshold: 1 });
      try {
        expect(second.server.reconciliation).toEqual({ restarted: [], cancelled: [orderId] });
        const done = await second.waitForStatus(orderId, token, ['CANCELLED', 'CONFIRMED']);
        expect(done).toMatchObject({ status: 'CANCELLED', cancellationReason: 'REJECTED' });
        const deadline = Date.now() + 5_000;
        while ((await second.available('KBD-MECH')) !== before && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 10));
        }
        expect(await second.available('KBD-MECH')).toBe(before); // the compensation consumer released it
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });
});
