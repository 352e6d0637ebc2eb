import type { Container, ContainerModule } from 'inversify';
import { createObservability, type Observability } from '#adapters/lambda/observability/observability.ts';
import { PortsEnv, parseEnv } from '../config/env.ts';
import { composeContainer } from '../container/compose.ts';
import { portsModules } from './ports-module.ts';

export type LambdaRuntime = Readonly<{ env: PortsEnv; obs: Observability; container: Container }>;

/**
 * What every entry builds once, at module scope, per cold start: the parsed environment (a bad one throws
 * here, at init), Powertools, and the container with the use cases the function serves (only those: the others'
 * modules and schemas would cost each cold start for nothing) over the chosen ports.
 */
export const createLambdaRuntime = (
  useCases: readonly ContainerModule[],
  source: Readonly<Record<string, string | undefined>> = process.env,
): LambdaRuntime => {
  const env = parseEnv(PortsEnv, source);
  const obs = createObservability({
    serviceName: env.POWERTOOLS_SERVICE_NAME,
    ...(env.POWERTOOLS_LOG_LEVEL && { logLevel: env.POWERTOOLS_LOG_LEVEL }),
  });
  return { env, obs, container: composeContainer(...useCases, ...portsModules(env, obs)) };
};
