import type { ContainerModule } from 'inversify';
import type { Observability } from '#adapters/lambda/observability/observability.ts';
import type { PortsEnv } from '../config/env.ts';
import { awsModule } from '../container/aws.module.ts';
import { createMemoryAdapters, memoryModule } from '../container/memory.module.ts';

/**
 * The ports of a Lambda: AWS adapters in AWS (every SDK client traced by Powertools Tracer); memory adapters
 * when ORDERLY_PORTS=memory, a store per cold start, so only for bundle tests and the cold-start bench.
 */
export const portsModule = (env: PortsEnv, obs: Observability): ContainerModule => {
  switch (env.ORDERLY_PORTS) {
    case 'memory':
      return memoryModule(
        createMemoryAdapters({ config: { approvalThreshold: env.APPROVAL_THRESHOLD, currency: env.CURRENCY } }),
      );
    case 'aws':
      return awsModule(env, { traceClient: obs.traceClient });
  }
};
