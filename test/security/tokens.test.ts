import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalIssuer, generateIssuerKey } from '#adapters/lambda/auth/local-issuer.ts';
import { type Api, orderBody, startApi } from '#test/e2e/api-client.ts';

/** Every protected route of the HTTP API, with a path that would otherwise reach its handler. */
const PROTECTED = [
  ['POST', '/orders'],
  ['GET', '/orders'],
  ['GET', '/orders/o-1'],
  ['PUT', '/orders/o-1'],
  ['POST', '/orders/o-1/cancel'],
  ['POST', '/orders/o-1/approval'],
] as const;

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

let api: Api;
let tokens: Record<string, string>;
let writesBefore: number;
beforeAll(async () => {
  api = await startApi({ mode: 'orchestration' });
  const { issuer } = api.server;
  const good = await api.tokenFor('cust-a', ['admin']);
  const [header = '', payload = '', signature = ''] = good.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const flip = (s: string) => (s.startsWith('A') ? `B${s.slice(1)}` : `A${s.slice(1)}`);
  const other = (o: { issuer?: string; audience?: string; key?: Awaited<ReturnType<typeof generateIssuerKey>> }) =>
    createLocalIssuer({
      privateJwk: o.key ?? issuer.privateJwk,
      issuer: o.issuer ?? issuer.issuer,
      audience: o.audience ?? issuer.audience,
    });
  tokens = {
    // Claims changed after signing: another customer, or admin added.
    tamperedPayload: `${header}.${b64url({ ...claims, sub: 'cust-b' })}.${signature}`,
    tamperedSignature: `${header}.${payload}.${flip(signature)}`,
    expired: await issuer.issueToken({ customerId: 'cust-a', issuedAt: now() - 7_200, expiresIn: now() - 3_600 }),
    wrongAudience: await (await other({ audience: 'someone-else' })).issueToken({ customerId: 'cust-a' }),
    wrongIssuer: await (await other({ issuer: 'https://evil.example/issuer' })).issueToken({ customerId: 'cust-a' }),
    otherKey: await (await other({ key: await generateIssuerKey() })).issueToken({ customerId: 'cust-a' }),
    algNone: `${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    // HS256 "signed" with the public key as the secret: the classic algorithm-confusion forgery.
    algHs256: `${b64url({ alg: 'HS256', typ: 'JWT', kid: header })}.${payload}.${signature}`,
    notAJwt: 'not-a-jwt',
    empty: '',
  };
  writesBefore = api.server.system.adapters.outbox.committed().length;
});
afterAll(() => api.close());

describe('without a valid token every protected route is 401 and reaches no handler', () => {
  it.each(PROTECTED)('%s %s without Authorization', async (method, path) => {
    const r = await api.call(method, path, {
      body: method === 'GET' ? undefined : orderBody([{ sku: 'BOOK-DDD', quantity: 1 }]),
    });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ message: 'Unauthorized' });
  });

  it.each([
    'tamperedPayload',
    'tamperedSignature',
    'expired',
    'wrongAudience',
    'wrongIssuer',
    'otherKey',
    'algNone',
    'algHs256',
    'notAJwt',
    'empty',
  ])('a %s token is refused on every protected route', async (kind) => {
    for (const [method, path] of PROTECTED) {
      const r = await api.call(method, path, {
        headers: { authorization: `Bearer ${tokens[kind]}` },
        ...(method !== 'GET' && { body: orderBody([{ sku: 'BOOK-DDD', quantity: 1 }]) }),
      });
      expect([method, path, r.status]).toEqual([method, path, 401]);
    }
  });

  it('other schemes and the token outside the Authorization header are refused', async () => {
    const good = await api.tokenFor('cust-a');
    for (const authorization of [`Basic ${good}`, good, `Bearer ${good} extra`, `Bearer  `]) {
      expect((await api.call('GET', '/orders', { headers: { authorization } })).status).toBe(401);
    }
    expect((await api.call('GET', `/orders?access_token=${good}`)).status).toBe(401);
  });

  it('a valid token gets through (the refusals above are about the token, not the route)', async () => {
    expect((await api.call('GET', '/orders', { token: await api.tokenFor('cust-a') })).status).toBe(200);
  });

  it('GET /products is public by design (the catalog), and nothing above wrote anything', async () => {
    expect((await api.call('GET', '/products')).status).toBe(200);
    expect(api.server.system.adapters.outbox.committed().length).toBe(writesBefore);
  });
});
