import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { MetricNames } from '../observability/metric-names.ts';
import type { Probe } from '../observability/with-observability.ts';
import { correlationIdOf, type HttpEvent } from './request.ts';
import { CORRELATION_HEADER, type HttpResponse, json } from './responses.ts';

/**
 * HTTP requests under `withObservability`: one line with route, status, latency and correlation id, and the
 * Requests / Errors4xx / Errors5xx counts. A bug that escapes a route becomes a JSON 500 that still carries the
 * correlation id, never a stack trace.
 */
export const httpProbe = (newCorrelationId: () => string = randomUUID): Probe<HttpEvent, HttpResponse> => ({
  begin: (event) => {
    const correlationId = correlationIdOf(event) ?? newCorrelationId();
    // The route reads the same header, so the id it echoes is the id in the logs.
    const headers = { ...event.headers, [CORRELATION_HEADER]: correlationId };
    return {
      event: { ...event, headers },
      correlationId,
      fields: {
        route: event.routeKey,
        method: event.requestContext?.http?.method,
        path: event.rawPath,
        requestId: event.requestContext?.requestId,
      },
    };
  },
  end: (response, metrics) => {
    metrics.addMetric(MetricNames.Requests, MetricUnit.Count, 1);
    if (response.statusCode >= 400 && response.statusCode < 500) {
      metrics.addMetric(MetricNames.Errors4xx, MetricUnit.Count, 1);
    }
    if (response.statusCode >= 500) metrics.addMetric(MetricNames.Errors5xx, MetricUnit.Count, 1);
    return { status: response.statusCode };
  },
  fail: (_error, correlationId, metrics) => {
    metrics.addMetric(MetricNames.Requests, MetricUnit.Count, 1);
    metrics.addMetric(MetricNames.Errors5xx, MetricUnit.Count, 1);
    const message = 'an unexpected error happened; quote the correlation id when reporting it';
    return json(500, { error: 'InternalError', message }, correlationId ?? newCorrelationId());
  },
});
