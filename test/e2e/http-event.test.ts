import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { queryParameters, toAuthorizerEvent, toHttpEvent } from '#infra/local/gateway/http-event.ts';

const match = { routeKey: 'GET /orders', pathParameters: {} };

describe('API Gateway v2 event translation', () => {
  it('builds a payload format 2.0 event', () => {
    const event = toHttpEvent(
      {
        method: 'get',
        url: '/orders?status=CONFIRMED&limit=5',
        headers: {
          host: ['localhost:3000'],
          'user-agent': ['curl/8'],
          'x-many': ['a', 'b'],
          cookie: ['s=1; t=2'],
          authorization: ['Bearer abc'],
        },
        body: Buffer.alloc(0),
        sourceIp: '10.0.0.1',
        requestId: 'req-9',
        timeEpoch: Date.parse('2026-03-12T19:03:58Z'),
      },
      match,
    );
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /orders',
      rawPath: '/orders',
      rawQueryString: 'status=CONFIRMED&limit=5',
      cookies: ['s=1', 't=2'],
      headers: { host: 'localhost:3000', 'user-agent': 'curl/8', 'x-many': 'a,b', authorization: 'Bearer abc' },
      queryStringParameters: { status: 'CONFIRMED', limit: '5' },
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'GET', path: '/orders', sourceIp: '10.0.0.1', userAgent: 'curl/8', protocol: 'HTTP/1.1' },
        requestId: 'req-9',
        routeKey: 'GET /orders',
        stage: '$default',
        time: '12/Mar/2026:19:03:58 +0000',
      },
    });
    expect(event.body).toBeUndefined();
    expect(event.pathParameters).toBeUndefined();
    expect(event.headers.cookie).toBeUndefined();
    expect(toAuthorizerEvent(event)).toMatchObject({ type: 'REQUEST', identitySource: ['Bearer abc'] });
  });

  test.prop([fc.uint8Array({ maxLength: 64 }), fc.constantFrom('application/json', 'application/octet-stream', '')])(
    'text bodies pass as text, others base64-encoded, and both decode back to the same bytes',
    (bytes, type) => {
      const body = Buffer.from(bytes);
      const headers = type ? { 'content-type': [type] } : {};
      const event = toHttpEvent(
        { method: 'POST', url: '/orders', headers, body, sourceIp: '::1', requestId: 'r', timeEpoch: 0 },
        { routeKey: 'POST /orders', pathParameters: {} },
      );
      if (body.length === 0) {
        expect(event.body).toBeUndefined();
        return;
      }
      expect(event.isBase64Encoded).toBe(type !== 'application/json');
      const back = event.isBase64Encoded
        ? Buffer.from(event.body ?? '', 'base64')
        : Buffer.from(event.body ?? '', 'utf8');
      if (!event.isBase64Encoded) expect(back.toString('utf8')).toBe(body.toString('utf8'));
      else expect(back.equals(body)).toBe(true);
    },
  );

  // Names an object literal treats specially are generated on purpose: `?__proto__=` must reach the handler as an
  // own property (a 400 for an unknown parameter), as it does on AWS, not vanish into a prototype.
  const name = fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom('__proto__', 'constructor', 'toString'));

  test.prop([fc.array(fc.tuple(name, fc.string()), { maxLength: 6 })])(
    'query parameters decode as URLSearchParams encodes, repeated names comma-joined, every name an own property',
    (pairs) => {
      const raw = new URLSearchParams(pairs).toString();
      const expected = new Map<string, string>();
      for (const [k, v] of pairs) expected.set(k, expected.has(k) ? `${expected.get(k)},${v}` : v);
      const parsed = queryParameters(raw) ?? {};
      expect(Object.keys(parsed).sort()).toEqual([...expected.keys()].sort());
      for (const [k, v] of expected) expect(Object.getOwnPropertyDescriptor(parsed, k)?.value).toBe(v);
    },
  );
});
