import { describe, expect, it } from 'vitest';
import type { GatewayResponse } from '#infra/local/gateway/gateway.ts';
import { createLocalLog } from '#infra/local/strangler/log.ts';
import { stranglerConfigFrom } from '#infra/local/strangler/route-table.ts';
import { compareResponses } from '#infra/local/strangler/shadow.ts';

const response = (statusCode: number, body: unknown): GatewayResponse => ({
  statusCode,
  headers: {},
  body: Buffer.from(JSON.stringify(body)),
});

describe('strangler route table', () => {
  it('starts from the CDK table, then the file, then STRANGLER_ROUTES and LEGACY_URL', () => {
    const file = JSON.stringify({ routes: { 'GET /products': 'legacy' }, legacyUrl: 'http://old.example/' });
    const config = stranglerConfigFrom(
      { STRANGLER_CONFIG: 'routes.json', STRANGLER_ROUTES: '{"GET /orders":"shadow"}' },
      () => file,
    )._unsafeUnwrap();
    expect(config.legacyUrl).toBe('http://old.example');
    expect(config.routes).toMatchObject({ 'POST /orders': 'new', 'GET /products': 'legacy', 'GET /orders': 'shadow' });
    expect(stranglerConfigFrom({ LEGACY_URL: 'http://x:4000' })._unsafeUnwrap().legacyUrl).toBe('http://x:4000');
  });

  it('refuses legacy or shadow routes without a legacy URL, bad JSON, unknown backends and bad keys', () => {
    const issues = (env: Record<string, string>) => stranglerConfigFrom(env)._unsafeUnwrapErr().issues.join('\n');
    expect(issues({ STRANGLER_ROUTES: '{"GET /products":"legacy"}' })).toContain('needs LEGACY_URL');
    expect(issues({ STRANGLER_ROUTES: '{oops' })).toContain('STRANGLER_ROUTES');
    expect(issues({ STRANGLER_ROUTES: '{"GET /products":"old"}', LEGACY_URL: 'http://x' })).toContain('GET /products');
    expect(issues({ STRANGLER_ROUTES: '{"products":"new"}' })).toContain('STRANGLER_ROUTES.products');
    expect(issues({ LEGACY_URL: 'not a url' })).toContain('LEGACY_URL');
  });
});

describe('shadow comparison', () => {
  it('ignores volatile fields at any depth and reports status and value differences', () => {
    const fresh = response(200, { orderId: 'a', placedAt: 't1', lines: [{ sku: 'X', id: 1 }], total: 5 });
    const old = response(200, { orderId: 'b', placedAt: 't2', lines: [{ sku: 'X', id: 2 }], total: 5 });
    expect(compareResponses(fresh, old)).toEqual([]);
    expect(compareResponses(response(201, { total: 5 }), response(200, { total: 6, extra: true }))).toEqual([
      { path: 'status', new: 201, legacy: 200 },
      { path: '$.total', new: 5, legacy: 6 },
      { path: '$.extra', new: undefined, legacy: true },
    ]);
  });
});

describe('local log', () => {
  it('writes JSON lines, or a compact line for a terminal, and drops what is below the level', () => {
    const lines: string[] = [];
    const now = () => new Date('2026-01-01T12:03:04.567Z');
    const json = createLocalLog({ service: 's', write: (l) => lines.push(l), now, level: 'INFO' });
    json.debug('hidden');
    json.info('request', { correlationId: 'abc', status: 200 });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        level: 'INFO',
        message: 'request',
        service: 's',
        timestamp: '2026-01-01T12:03:04.567Z',
        correlationId: 'abc',
        status: 200,
      },
    ]);
    const pretty = createLocalLog({ service: 's', pretty: true, write: (l) => lines.push(l), now });
    pretty.warn('shadow mismatch', { correlationId: '0123456789', routeKey: 'GET /products' });
    expect(lines.at(-1)).toBe('12:03:04.567 WARN  shadow mismatch cid=01234567  routeKey="GET /products"');
  });
});
