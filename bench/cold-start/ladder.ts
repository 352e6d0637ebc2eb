// Where an HTTP function's init goes, measured in place: each rung is the previous one plus one piece, on top of
// the bare bundle's SDK clients, built and run exactly like the functions. The difference between two rungs is
// what that piece costs next to everything below it (shared Node built-ins and zod warm-up are counted once, where
// they first appear), which "each library alone" would count twice or hide.
import { join } from 'node:path';
import { ROOT } from '../../scripts/bundle.ts';

const at = (path: string) => JSON.stringify(join(ROOT, path));

const loggerAndMetrics = `import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME, logLevel: 'INFO' });
const metrics = new Metrics({ namespace: 'Orderly', serviceName: process.env.POWERTOOLS_SERVICE_NAME });
export const handler = async (event, context) => {
  logger.addContext(context);
  metrics.captureColdStartMetric();
  metrics.addMetric('Requests', 'Count', 1);
  logger.info('rung', { route: event.routeKey, status: 200, cold_start: true });
  metrics.publishStoredMetrics();
  return { statusCode: 200, body: '{}' };
};`;

/** The project's own wrapper: Logger, Metrics and Tracer (a subsegment per invocation, every SDK client traced). */
const observed = (route: string, extraImports = '', extraInit = '') => `
import { createObservability } from ${at('adapters/lambda/observability/observability.ts')};
import { withObservability } from ${at('adapters/lambda/observability/with-observability.ts')};
${extraImports}
const obs = createObservability({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'rung', logLevel: 'INFO' });
for (const client of clients) obs.traceClient(client);
${extraInit}
const probe = {
  begin: (event) => ({ event, fields: { route: event.routeKey } }),
  end: (response, metrics) => { metrics.addMetric('Requests', 'Count', 1); return { status: response.statusCode }; },
};
export const handler = withObservability('rung', ${route}, { obs, probe });`;

// zod configured as in every Lambda bundle (scripts/bundle.ts imports it ahead of each entry).
const zodImports = `import ${at('infrastructure/lambda/zod-jitless.ts')};
import { PortsEnv, parseEnv } from ${at('infrastructure/config/env.ts')};
import { actorFromAuthorizerContext } from ${at('adapters/lambda/auth/authorizer-context.ts')};`;
const zodInit = 'const env = parseEnv(PortsEnv);';
const zodRoute = `async (event) => ({ statusCode: actorFromAuthorizerContext(event.requestContext?.authorizer?.lambda) && env ? 200 : 401, body: '{}' })`;

const inversifyImports = `${zodImports}
import { Container, ContainerModule } from 'inversify';`;
const inversifyInit = `${zodInit}
const container = new Container({ defaultScope: 'Singleton' });
container.load(new ContainerModule(({ bind }) => { bind('route').toDynamicValue(() => ${zodRoute}); }));`;

/** Rung label → the source after the client construction. The last rung, the whole function, is in the main table. */
export const ladderRungs: Readonly<Record<string, string>> = {
  'bare: the SDK clients': "export const handler = async () => ({ statusCode: 200, body: '{}' });",
  '+ Powertools Logger and Metrics': loggerAndMetrics,
  '+ Tracer (X-Ray SDK), as withObservability': observed("async () => ({ statusCode: 200, body: '{}' })"),
  '+ zod: env and authorizer context': observed(zodRoute, zodImports, zodInit),
  '+ inversify container': observed("(event) => container.get('route')(event)", inversifyImports, inversifyInit),
};
