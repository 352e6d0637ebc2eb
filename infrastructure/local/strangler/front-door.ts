import { randomUUID } from 'node:crypto';
import { MetricNames } from '#adapters/lambda/observability/metric-names.ts';
import type { Gateway, GatewayResponse } from '../gateway/gateway.ts';
import type { IncomingRequest } from '../gateway/http-event.ts';
import { createRouter } from '../gateway/routes.ts';
import type { LocalLog } from './log.ts';
import { createLegacyProxy } from './proxy.ts';
import type { StranglerConfig } from './route-table.ts';
import { compareResponses } from './shadow.ts';

export const SHADOW_MISMATCH_METRIC = MetricNames.ShadowMismatches;
const CORRELATION = 'x-correlation-id';
const SANE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export type FrontDoorOptions = Readonly<{
  config: StranglerConfig;
  /** The local API gateway over the real handlers: what `new` routes (and 404s without a legacy URL) get. */
  newGateway: Gateway;
  log: LocalLog;
  /** Called when a shadow comparison is done (tests wait on it); the client never waits for it. */
  onShadow?: (result: Readonly<{ routeKey: string; mismatches: number }>) => void;
}>;

const withHeader = (r: GatewayResponse, name: string, value: string): GatewayResponse => ({
  ...r,
  headers: { ...r.headers, [name]: value },
});

/**
 * The strangler fig in front of the local API: each route key of the table is served by the new handlers, proxied
 * to the legacy backend, or shadowed (new answers, legacy is compared off the request path); a path no route
 * matches falls through to legacy (the `$default` route) when a legacy URL is set. Every request gets a correlation
 * id (the caller's `x-correlation-id` when sane), passed to both backends, echoed, and on its access log line.
 */
export const createFrontDoor = ({ config, newGateway, log, onShadow = () => {} }: FrontDoorOptions): Gateway => {
  const router = createRouter(Object.keys(config.routes));
  const proxy = config.legacyUrl ? createLegacyProxy(config.legacyUrl) : undefined;

  const shadow = (req: IncomingRequest, routeKey: string, fresh: GatewayResponse, correlationId: string) => {
    if (!proxy) return;
    void proxy(req, { [CORRELATION]: correlationId }).then((legacy) => {
      const differences = compareResponses(fresh, legacy);
      if (differences.length > 0) {
        log.warn('shadow mismatch', { correlationId, routeKey, path: req.url.split('?')[0], differences });
        log.metric(SHADOW_MISMATCH_METRIC, 1, { routeKey }, { correlationId });
      } else {
        log.debug('shadow match', { correlationId, routeKey });
      }
      onShadow({ routeKey, mismatches: differences.length });
    });
  };

  return async (incoming) => {
    const started = performance.now();
    const given = incoming.headers[CORRELATION]?.[0]?.trim();
    const correlationId = given && SANE_ID.test(given) ? given : randomUUID();
    const req: IncomingRequest = { ...incoming, headers: { ...incoming.headers, [CORRELATION]: [correlationId] } };
    const path = req.url.split('?')[0] ?? '/';
    const match = router(req.method, path);
    const routeKey = match?.routeKey ?? '$default';
    const backend = match ? (config.routes[match.routeKey] ?? 'new') : proxy ? 'legacy' : 'new';
    let response: GatewayResponse;
    if (backend === 'legacy' && proxy) {
      response = await proxy(req);
    } else {
      response = withHeader(await newGateway(req), 'x-served-by', 'orderly');
      if (backend === 'shadow') shadow(req, routeKey, response, correlationId);
    }
    const out = withHeader(response, CORRELATION, correlationId);
    log.info('request', {
      correlationId,
      method: req.method,
      path,
      routeKey,
      backend,
      status: out.statusCode,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
    return out;
  };
};
