import { fc, test } from '@fast-check/vitest';
import { describe, expect, it, vi } from 'vitest';
import type { AuthorizerHandler } from '#adapters/lambda/auth/authorizer.ts';
import type { HttpEvent } from '#adapters/lambda/http/request.ts';
import type { HttpHandler } from '#adapters/lambda/http/route.ts';
import { createGateway, fromHandlerResult } from '#infra/local/gateway/gateway.ts';
import type { IncomingRequest } from '#infra/local/gateway/http-event.ts';
import { routeSpecs } from '#infra/local/gateway/routes.ts';

const request = (method: string, url: string, headers: Record<string, string[]> = {}, body = ''): IncomingRequest => ({
  method,
  url,
  headers,
  body: Buffer.from(body),
  sourceIp: '127.0.0.1',
  requestId: 'req-1',
  timeEpoch: 0,
});

const echo: HttpHandler = async (event) => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    routeKey: event.routeKey,
    params: event.pathParameters,
    auth: event.requestContext.authorizer,
  }),
});

const setup = (authorizer: AuthorizerHandler, handler: HttpHandler = echo) => {
  const authorize = vi.fn(authorizer);
  const handle = vi.fn(handler);
  const gateway = createGateway({
    routes: routeSpecs.map((r) => ({ key: r.key, auth: r.auth, handler: handle })),
    authorizer: authorize,
  });
  return { gateway, authorize, handle };
};
const allow: AuthorizerHandler = async () => ({ isAuthorized: true, context: { customerId: 'c-1', roles: 'admin' } });
const deny: AuthorizerHandler = async () => ({ isAuthorized: false });
const json = (r: { body: Buffer }) => JSON.parse(r.body.toString('utf8'));

describe('local gateway', () => {
  it('answers 401 without calling the authorizer when there is no Authorization header', async () => {
    const { gateway, authorize, handle } = setup(allow);
    const res = await gateway(request('GET', '/orders'));
    expect(res.statusCode).toBe(401);
    expect(json(res)).toEqual({ message: 'Unauthorized' });
    expect(authorize).not.toHaveBeenCalled();
    expect(handle).not.toHaveBeenCalled();
  });

  it('answers 401 when the authorizer denies, and never reaches the route', async () => {
    const { gateway, handle } = setup(deny);
    const res = await gateway(request('POST', '/orders/o-1/cancel', { authorization: ['Bearer x.y.z'] }));
    expect(res.statusCode).toBe(401);
    expect(handle).not.toHaveBeenCalled();
  });

  it("hands the authorizer's context to the route under requestContext.authorizer.lambda", async () => {
    const { gateway, authorize } = setup(allow);
    const res = await gateway(request('POST', '/orders/o%2F1/approval', { authorization: ['Bearer t'] }));
    expect(json(res)).toEqual({
      routeKey: 'POST /orders/{id}/approval',
      params: { id: 'o/1' },
      auth: { lambda: { customerId: 'c-1', roles: 'admin' } },
    });
    expect(authorize.mock.calls[0]?.[0]).toMatchObject({
      type: 'REQUEST',
      version: '2.0',
      identitySource: ['Bearer t'],
      routeKey: 'POST /orders/{id}/approval',
    });
    expect(res.headers['content-type']).toBe('application/json'); // header names lower-cased on the way out
  });

  it('runs public routes without the authorizer', async () => {
    const { gateway, authorize } = setup(deny);
    const res = await gateway(request('GET', '/products'));
    expect(res.statusCode).toBe(200);
    expect(json(res).auth).toBeUndefined();
    expect(authorize).not.toHaveBeenCalled();
  });

  it('answers 500 { message } when the authorizer or the handler throws', async () => {
    const boom = async () => {
      throw new Error('boom');
    };
    expect((await setup(boom).gateway(request('GET', '/orders', { authorization: ['Bearer t'] }))).statusCode).toBe(
      500,
    );
    const res = await setup(allow, boom).gateway(request('GET', '/orders', { authorization: ['Bearer t'] }));
    expect(res.statusCode).toBe(500);
    expect(json(res)).toEqual({ message: 'Internal Server Error' });
  });

  it('infers a 200 JSON response from a handler result without statusCode', () => {
    expect(fromHandlerResult('hi')).toMatchObject({ statusCode: 200, body: Buffer.from('hi') });
    const r = fromHandlerResult({ statusCode: 204, cookies: ['a=1', 'b=2'], body: 'aGk=', isBase64Encoded: true });
    expect(r).toMatchObject({ statusCode: 204, headers: { 'set-cookie': ['a=1', 'b=2'] }, body: Buffer.from('hi') });
  });

  const unknownPath = fc
    .array(fc.stringMatching(/^[a-z0-9-]{1,8}$/), { minLength: 0, maxLength: 4 })
    .map((segments) => `/${segments.join('/')}`);

  test.prop([fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), unknownPath])(
    'a request matches a route exactly when method and segments fit its key; otherwise 404',
    async (method, path) => {
      const { gateway } = setup(allow);
      const res = await gateway(request(method, path, { authorization: ['Bearer t'] }));
      const parts = path.split('/').filter(Boolean);
      const expected = routeSpecs.find(({ key }) => {
        const [m, p = ''] = key.split(' ');
        const keyParts = p.split('/').filter(Boolean);
        return (
          m === method &&
          keyParts.length === parts.length &&
          keyParts.every((k, i) => k.startsWith('{') || k === parts[i])
        );
      });
      if (expected) expect(json(res).routeKey).toBe(expected.key);
      else expect([res.statusCode, json(res)]).toEqual([404, { message: 'Not Found' }]);
    },
  );

  test.prop([fc.string({ minLength: 1, maxLength: 30 })])('path parameters arrive decoded', async (id) => {
    const { gateway } = setup(allow);
    const res = await gateway(request('GET', `/orders/${encodeURIComponent(id)}`, { authorization: ['Bearer t'] }));
    const body = json(res) as { routeKey: string; params: HttpEvent['pathParameters'] };
    expect(body).toMatchObject({ routeKey: 'GET /orders/{id}', params: { id } });
  });
});
