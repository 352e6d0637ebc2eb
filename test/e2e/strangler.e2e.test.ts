import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIssuerKey } from '#adapters/lambda/auth/local-issuer.ts';
import { startLegacyServer } from '#infra/local/legacy/legacy-server.ts';
import { createFrontDoor, SHADOW_MISMATCH_METRIC } from '#infra/local/strangler/front-door.ts';
import { createLocalLog } from '#infra/local/strangler/log.ts';
import { stranglerConfigFrom } from '#infra/local/strangler/route-table.ts';
import { orderBody, startApi } from './api-client.ts';

type Legacy = Awaited<ReturnType<typeof startLegacyServer>>;
let legacy: Legacy;
beforeAll(async () => {
  legacy = await startLegacyServer();
});
afterAll(() => legacy.close());

/** The local API behind the strangler front door configured from `env`, as `npm start` does; log lines captured. */
const startFront = async (env: Record<string, string>) => {
  const lines: string[] = [];
  const shadows: { routeKey: string; mismatches: number }[] = [];
  const config = stranglerConfigFrom(env)._unsafeUnwrap();
  const log = createLocalLog({ service: 'orderly-local', write: (l) => lines.push(l), level: 'DEBUG' });
  const api = await startApi({
    mode: 'orchestration',
    issuerKey: await generateIssuerKey(),
    wrapGateway: (gateway) => createFrontDoor({ config, newGateway: gateway, log, onShadow: (r) => shadows.push(r) }),
  });
  const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { ...api, logged, shadows };
};
const seenSince = (from: number) => legacy.seen().slice(from);

/** node:http, because fetch refuses to send a Connection header naming other headers. */
const rawGet = (url: string, headers: Record<string, string>) =>
  new Promise<{ status: number; body: Record<string, unknown>; headers: { get: (n: string) => string | undefined } }>(
    (resolve, reject) => {
      request(url, { headers }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(text) as Record<string, unknown>,
            headers: { get: (n) => res.headers[n] as string | undefined },
          }),
        );
      })
        .on('error', reject)
        .end();
    },
  );

describe('strangler fig front door', () => {
  it('serves migrated routes locally and sends everything else to the legacy backend', async () => {
    const api = await startFront({ LEGACY_URL: legacy.url });
    try {
      const token = await api.tokenFor('c-1');
      const mark = legacy.seen().length;
      const placed = await api.call('POST', '/orders', { token, body: orderBody([{ sku: 'BOOK-DDD', quantity: 1 }]) });
      expect(placed.status).toBe(201);
      expect(placed.headers.get('x-served-by')).toBe('orderly');
      expect(seenSince(mark)).toEqual([]);

      const customer = await rawGet(`${api.server.url}/customers/c-7?expand=tier`, {
        authorization: `Bearer ${token}`,
        connection: 'keep-alive, x-hop', // x-hop is hop-by-hop because Connection names it
        'x-hop': 'drop me',
        'proxy-authorization': 'Basic aG9wOmhvcA==',
        'x-end-to-end': 'keep me',
      });
      expect(customer.status).toBe(200);
      expect(customer.headers.get('x-served-by')).toBe('legacy');
      expect(customer.body).toMatchObject({ customerId: 'c-7' });
      const [proxied] = seenSince(mark);
      expect(proxied?.method).toBe('GET');
      expect(proxied?.url).toBe('/customers/c-7?expand=tier');
      expect(proxied?.headers).toMatchObject({ 'x-end-to-end': 'keep me', authorization: `Bearer ${token}` });
      expect(proxied?.headers['x-hop']).toBeUndefined();
      expect(proxied?.headers['proxy-authorization']).toBeUndefined();
      expect(proxied?.headers['x-correlation-id']).toBe(customer.headers.get('x-correlation-id'));
      expect((await api.call('GET', '/legacy/health')).body).toMatchObject({ status: 'ok' });

      const access = api.logged().filter((l) => l.message === 'request');
      expect(access.map((l) => [l.routeKey, l.backend])).toEqual([
        ['POST /orders', 'new'],
        ['$default', 'legacy'],
        ['$default', 'legacy'],
      ]);
      expect(access[0]?.correlationId).toBe(placed.headers.get('x-correlation-id'));
    } finally {
      await api.close();
    }
  });

  it('without LEGACY_URL an unknown route is a 404 from the gateway', async () => {
    const api = await startFront({});
    try {
      expect((await api.call('GET', '/customers/c-7')).status).toBe(404);
    } finally {
      await api.close();
    }
  });

  it('moving a route to legacy and rolling it back is configuration only', async () => {
    const moved = await startFront({
      LEGACY_URL: legacy.url,
      STRANGLER_ROUTES: JSON.stringify({ 'POST /orders': 'legacy', 'GET /orders/{id}': 'legacy' }),
    });
    let legacyOrderId = '';
    try {
      const token = await moved.tokenFor('c-2');
      const placed = await moved.call('POST', '/orders', {
        token,
        body: orderBody([{ sku: 'BOOK-DDD', quantity: 2 }]),
      });
      expect(placed.status).toBe(201);
      expect(placed.headers.get('x-served-by')).toBe('legacy');
      legacyOrderId = placed.body.orderId ?? '';
      expect(legacyOrderId).toMatch(/^L-/);
      const got = await moved.call('GET', `/orders/${legacyOrderId}`, { token });
      expect(got.body).toMatchObject({ orderId: legacyOrderId, status: 'CONFIRMED' });
      expect(got.headers.get('x-served-by')).toBe('legacy');
    } finally {
      await moved.close();
    }
    const rolledBack = await startFront({ LEGACY_URL: legacy.url });
    try {
      const token = await rolledBack.tokenFor('c-2');
      const got = await rolledBack.call('GET', `/orders/${legacyOrderId}`, { token });
      expect(got.status).toBe(404); // the new service never had the legacy order
      expect(got.headers.get('x-served-by')).toBe('orderly');
    } finally {
      await rolledBack.close();
    }
  });

  it('shadow mode: the client gets the new answer; a difference with legacy is logged and counted', async () => {
    const api = await startFront({ LEGACY_URL: legacy.url, STRANGLER_ROUTES: '{"GET /products":"shadow"}' });
    const shadowed = async (n: number) => {
      const deadline = Date.now() + 5_000;
      while (api.shadows.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      return api.shadows[n - 1];
    };
    try {
      const same = await api.call('GET', '/products');
      expect(same.headers.get('x-served-by')).toBe('orderly');
      expect(await shadowed(1)).toEqual({ routeKey: 'GET /products', mismatches: 0 });

      const token = await api.tokenFor('c-3');
      const placed = await api.call('POST', '/orders', { token, body: orderBody([{ sku: 'BOOK-DDD', quantity: 3 }]) });
      await api.waitForStatus(placed.body.orderId ?? '', token);
      const after = await api.call('GET', '/products');
      const book = after.body.products?.find((p) => p.sku === 'BOOK-DDD');
      expect(book?.available).toBe(497); // the new service's answer, not legacy's 500
      expect((await shadowed(2))?.mismatches).toBeGreaterThan(0);

      const warning = api.logged().find((l) => l.message === 'shadow mismatch');
      expect(warning).toMatchObject({ level: 'WARN', routeKey: 'GET /products', path: '/products' });
      expect(warning?.correlationId).toBe(after.headers.get('x-correlation-id'));
      expect(warning?.differences).toContainEqual({ path: '$.products[0].available', new: 497, legacy: 500 });
      const emf = api.logged().find((l) => SHADOW_MISMATCH_METRIC in l) as
        | { _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] }; routeKey: string }
        | undefined;
      expect(emf?._aws.CloudWatchMetrics[0]?.Metrics[0]?.Name).toBe(SHADOW_MISMATCH_METRIC);
      expect(emf?._aws.CloudWatchMetrics[0]?.Namespace).toBe('Orderly');
      expect(emf?.routeKey).toBe('GET /products');
    } finally {
      await api.close();
    }
  });
});
