import type { ContainerModule } from 'inversify';
import type { Observability } from '#adapters/lambda/observability/observability.ts';
import type { PortsEnv } from '../config/env.ts';
import { awsModule } from '../container/aws.module.ts';
import { lambdaMemoryModules } from './memory-ports.ts';

/**
 * The ports of a Lambda: AWS adapters in AWS (every SDK client traced by Powertools Tracer); memory adapters and
 * recording fakes when ORDERLY_PORTS=memory, a store per cold start, so only for bundle tests and the cold-start bench.
 */
export const portsModules = (env: PortsEnv, obs: Observability): ContainerModule[] => {
  switch (env.ORDERLY_PORTS) {
    case 'memory':
      return lambdaMemoryModules(env, obs);
    case 'aws':
      return [awsModule(env, { traceClient: obs.traceClient })];
  }
};
