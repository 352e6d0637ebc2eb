import type { ContainerModule } from 'inversify';
import type { Observability } from '#adapters/lambda/observability/observability.ts';
import type { PortsEnv } from '../config/env.ts';
import { createMemoryAdapters, memoryModule } from '../container/memory.module.ts';

/**
 * The ports of a Lambda: AWS adapters in AWS; memory adapters (a store per cold start, so only for bundle tests
 * and the cold-start bench) when ORDERLY_PORTS=memory.
 */
export const portsModule = (env: PortsEnv, _obs: Observability): ContainerModule => {
  switch (env.ORDERLY_PORTS) {
    case 'memory':
      return memoryModule(
        createMemoryAdapters({ config: { approvalThreshold: env.APPROVAL_THRESHOLD, currency: env.CURRENCY } }),
      );
    case 'aws':
      // TODO(aws.module): bind the AWS adapters once infrastructure/container/aws.module.ts exists, e.g.
      // `return awsModule(env, { traceClient: _obs.traceClient });`
      throw new Error('ORDERLY_PORTS=aws needs infrastructure/container/aws.module.ts, which does not exist yet');
  }
};
