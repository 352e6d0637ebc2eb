import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpProbe } from '#adapters/lambda/http/http-probe.ts';
import type { HttpEvent } from '#adapters/lambda/http/request.ts';
import { json } from '#adapters/lambda/http/responses.ts';
import { recordEventMetrics } from '#adapters/lambda/observability/event-metrics.ts';
import { MetricNames, metricCatalog } from '#adapters/lambda/observability/metric-names.ts';
import { createObservability } from '#adapters/lambda/observability/observability.ts';
import { withObservability } from '#adapters/lambda/observability/with-observability.ts';
import { httpEvent } from '#test/fixtures/events/http-events.ts';

let lines: Record<string, unknown>[] = [];
beforeEach(() => {
  lines = [];
  const capture = (chunk: unknown) => {
    for (const line of String(chunk).split('\n').filter(Boolean))
      lines.push(JSON.parse(line) as Record<string, unknown>);
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
});
afterEach(() => vi.restoreAllMocks());

const logs = () => lines.filter((l) => 'level' in l);
const emf = () => lines.filter((l) => '_aws' in l);
const context = { functionName: 'orderly-get-order', awsRequestId: 'aws-1' } as never;

const observed = (answer: (e: HttpEvent) => Promise<ReturnType<typeof json>>) => {
  const obs = createObservability({ serviceName: 'orderly-test' });
  let ids = 0;
  return withObservability('get-order', answer, { obs, probe: httpProbe(() => `gen-${++ids}`) });
};

describe('withObservability over HTTP', () => {
  it('logs one line per request with route, status, latency and the correlation id it echoes', async () => {
    const handler = observed(async (e) => json(404, { error: 'OrderNotFound' }, e.headers['x-correlation-id'] ?? '?'));
    const res = await handler(httpEvent({ route: 'GET /orders/{id}', pathParameters: { id: 'o-1' } }), context);
    expect(res.headers?.['x-correlation-id']).toBe('gen-1');
    expect(logs()).toHaveLength(1);
    expect(logs()[0]).toMatchObject({
      level: 'INFO',
      service: 'orderly-test',
      correlation_id: 'gen-1',
      route: 'GET /orders/{id}',
      path: '/orders/o-1',
      status: 404,
      cold_start: true,
      latencyMs: expect.any(Number),
      function_name: 'orderly-get-order',
    });
    expect(emf()).toContainEqual(
      expect.objectContaining({ service: 'orderly-test', [MetricNames.Requests]: 1, [MetricNames.Errors4xx]: 1 }),
    );
  });

  it('is cold once, and never carries one request’s correlation id into the next', async () => {
    const handler = observed(async (e) => json(200, {}, e.headers['x-correlation-id'] ?? '?'));
    await handler(httpEvent({ route: 'GET /products', headers: { 'x-correlation-id': 'first' } }));
    await handler(httpEvent({ route: 'GET /products' }));
    expect(logs().map((l) => [l.correlation_id, l.cold_start])).toEqual([
      ['first', true],
      ['gen-1', false],
    ]);
  });

  it('turns an escaped bug into a JSON 500 with the correlation id, logged as an error and counted', async () => {
    const handler = observed(async () => {
      throw new Error('boom: secret internals');
    });
    const res = await handler(httpEvent({ route: 'GET /products', headers: { 'x-correlation-id': 'c-9' } }));
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ error: 'InternalError', message: expect.any(String) });
    expect(res.body).not.toContain('secret');
    expect(res.headers?.['x-correlation-id']).toBe('c-9');
    expect(logs()[0]).toMatchObject({
      level: 'ERROR',
      correlation_id: 'c-9',
      error: expect.objectContaining({ message: 'boom: secret internals' }),
    });
    expect(emf()).toContainEqual(expect.objectContaining({ [MetricNames.Errors5xx]: 1 }));
  });

  it('rethrows for triggers without a fallback (the basic probe), after logging', async () => {
    const obs = createObservability({ serviceName: 'orderly-test' });
    const handler = withObservability('consumer', async () => Promise.reject(new Error('retry me')), { obs });
    await expect(handler({})).rejects.toThrow('retry me');
    expect(logs()[0]).toMatchObject({ level: 'ERROR', handler: 'consumer' });
  });
});

describe('metrics', () => {
  it('has one catalog entry per metric name', () => {
    expect(metricCatalog.map((m) => m.name).sort()).toEqual(Object.values(MetricNames).sort());
  });

  it('counts cancellations with their reason as a dimension of that metric only', () => {
    const { metrics } = createObservability({ serviceName: 'orderly-test' });
    recordEventMetrics(metrics, {
      type: 'OrderCancelled',
      reason: 'PAYMENT_DECLINED',
    } as never);
    const [line] = emf();
    expect(line).toMatchObject({
      reason: 'PAYMENT_DECLINED',
      service: 'orderly-test',
      [MetricNames.OrdersCancelled]: 1,
    });
    expect(JSON.stringify(line)).toContain('"Namespace":"Orderly"');
    expect(metrics.hasStoredMetrics()).toBe(false);
  });
});
