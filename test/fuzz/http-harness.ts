import { expect } from 'vitest';
import type { AuthorizerContext } from '#adapters/lambda/auth/authorizer-context.ts';
import type { HttpEvent } from '#adapters/lambda/http/request.ts';
import type { HttpResponse } from '#adapters/lambda/http/responses.ts';
import type { HttpHandler } from '#adapters/lambda/http/route.ts';
import { createManualClock, createSequentialIds } from '#adapters/memory/system.ts';
import { seedStock } from '#infra/config/seed.ts';
import { buildContainer } from '#infra/container/container.ts';
import { createMemoryAdapters, memoryModule } from '#infra/container/memory.module.ts';
import { toHttpEvent, withAuthorizer } from '#infra/local/gateway/http-event.ts';
import { routeSpecs } from '#infra/local/gateway/routes.ts';
import { type Body, VALID_ORDER } from './malformed.ts';

export type CallerKind = 'owner' | 'other' | 'admin' | 'anonymous' | 'forged';
const callers: Record<CallerKind, unknown> = {
  owner: { customerId: 'cust-a', roles: '' },
  other: { customerId: 'cust-b', roles: 'support' },
  admin: { customerId: 'admin-1', roles: 'admin' },
  anonymous: undefined,
  // What a broken authorizer could hand over: the routes must treat it as no identity at all.
  forged: { customerId: '   ', roles: 7 },
};
const CUSTOMERS = ['cust-a', 'cust-b', 'admin-1'];

export type FuzzRequest = Readonly<{
  id?: string;
  /** Raw query string as sent after `?`. */
  query?: string;
  headers?: Readonly<Record<string, string>>;
  body?: Body;
  caller: CallerKind;
}>;

// What the correlation id echoed to a client may look like (request.ts's rule): no header or log injection.
const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * Every route handler exactly as the local gateway builds it (routeSpecs over one memory container), fed with
 * API Gateway v2 events built by the gateway's own translation (toHttpEvent + withAuthorizer), without sockets.
 */
export const createHttpFuzzHarness = async () => {
  const adapters = createMemoryAdapters({ clock: createManualClock().clock, newId: createSequentialIds('o') });
  const container = buildContainer(memoryModule(adapters));
  const handlers = new Map<string, HttpHandler>(routeSpecs.map((r) => [r.key, r.build(container)]));
  let requests = 0;

  const eventFor = (routeKey: string, req: FuzzRequest): HttpEvent => {
    const [method = 'GET', template = '/'] = routeKey.split(' ');
    const path = template.replace('{id}', encodeURIComponent(req.id ?? ''));
    const headers: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = [v];
    if (req.body?.contentType) headers['content-type'] = [req.body.contentType];
    if (req.caller !== 'anonymous') headers.authorization = ['Bearer x.y.z'];
    const event = toHttpEvent(
      {
        method,
        url: req.query === undefined ? path : `${path}?${req.query}`,
        headers,
        body: req.body?.bytes ?? Buffer.alloc(0),
        sourceIp: '127.0.0.1',
        requestId: `fuzz-${++requests}`,
        timeEpoch: Date.parse('2026-01-01T00:00:00Z'),
      },
      { routeKey, pathParameters: req.id === undefined ? {} : { id: req.id } },
    );
    const base64 = req.body?.base64Override;
    // A client cannot set isBase64Encoded, but a mis-configured integration could: the flag must not matter.
    const flipped = base64 === undefined || event.body === undefined ? event : { ...event, isBase64Encoded: base64 };
    return withAuthorizer(flipped, callers[req.caller] as AuthorizerContext | undefined);
  };

  const send = async (routeKey: string, req: FuzzRequest) => {
    const handler = handlers.get(routeKey);
    if (!handler) throw new Error(`no route ${routeKey}`);
    const response = await handler(eventFor(routeKey, req));
    return { ...response, json: JSON.parse(response.body) as Record<string, unknown> };
  };

  /** Everything a request could write: orders, stock, payments, the outbox, the card ledger. */
  const snapshot = async () => {
    const orders = await Promise.all(
      CUSTOMERS.map(
        async (customerId) =>
          (await adapters.orders.listByCustomer({ customerId, limit: 1_000 }))._unsafeUnwrap().items,
      ),
    );
    const ids = orders.flat().map((o) => o.id);
    const stock = (await adapters.stock.loadMany(Object.keys(seedStock) as never[]))._unsafeUnwrap();
    const payments = await Promise.all(ids.map(async (id) => (await adapters.payments.load(id))._unsafeUnwrap()));
    const holds = await Promise.all(ids.map(async (id) => (await adapters.stock.loadHold(id))._unsafeUnwrap()));
    return JSON.stringify({
      orders,
      stock: [...stock.entries()],
      holds,
      payments,
      events: adapters.outbox.committed().length,
      ledger: adapters.ledger().length,
    });
  };

  /** Cheap per-request check: every write appends events to the outbox or charges the ledger. */
  const writes = () => `${adapters.outbox.committed().length}/${adapters.ledger().length}`;

  const place = async (caller: CallerKind) => {
    const body = { bytes: Buffer.from(JSON.stringify(VALID_ORDER)), contentType: 'application/json' };
    const r = await send('POST /orders', { caller, body });
    if (r.statusCode !== 201) throw new Error(`seed order refused: ${r.body}`);
    return r.json.orderId as string;
  };
  const ownerOrder = await place('owner');
  const otherOrder = await place('other');
  const ownerApprovalOrder = await place('owner');
  return { send, snapshot, writes, ids: { ownerOrder, otherOrder, ownerApprovalOrder } };
};
export type HttpFuzzHarness = Awaited<ReturnType<typeof createHttpFuzzHarness>>;

/** What every answer to a malformed request must be: a JSON 4xx with a sane correlation id, never a 5xx. */
export const expectSaneRefusal = (r: HttpResponse & { json: Record<string, unknown> }, allowed: readonly number[]) => {
  expect(allowed).toContain(r.statusCode);
  expect(r.statusCode).toBeLessThan(500);
  expect(r.headers?.['content-type']).toMatch(/^application\/json/);
  expect(String(r.headers?.['x-correlation-id'])).toMatch(SAFE_CORRELATION_ID);
  if (r.statusCode === 400) {
    expect(r.json.error).toBe('ValidationFailed');
    const issues = r.json.issues as { path: unknown; message: unknown }[];
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(typeof issue.path).toBe('string');
      expect((issue.path as string).length).toBeGreaterThan(0);
      expect(typeof issue.message).toBe('string');
    }
  }
};
