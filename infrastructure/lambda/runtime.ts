import type { Container } from 'inversify';
import { createObservability, type Observability } from '#adapters/lambda/observability/observability.ts';
import { PortsEnv, parseEnv } from '../config/env.ts';
import { buildContainer } from '../container/container.ts';
import { portsModule } from './ports-module.ts';

export type LambdaRuntime = Readonly<{ env: PortsEnv; obs: Observability; container: Container }>;

/**
 * What every entry builds once, at module scope, per cold start: the parsed environment (a bad one throws
 * here, at init), Powertools, and the container with the use cases over the chosen ports.
 */
export const createLambdaRuntime = (
  source: Readonly<Record<string, string | undefined>> = process.env,
): LambdaRuntime => {
  const env = parseEnv(PortsEnv, source);
  const obs = createObservability({
    serviceName: env.POWERTOOLS_SERVICE_NAME,
    ...(env.POWERTOOLS_LOG_LEVEL && { logLevel: env.POWERTOOLS_LOG_LEVEL }),
  });
  return { env, obs, container: buildContainer(portsModule(env, obs)) };
};
