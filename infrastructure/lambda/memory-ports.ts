import { ContainerModule } from 'inversify';
import { okAsync } from 'neverthrow';
import type { Observability } from '#adapters/lambda/observability/observability.ts';
import type { AnalyticsSink, Notifier } from '#app/ports/notifier.ts';
import type { OrderFlow, WorkflowCallbacks } from '#app/ports/order-flow.ts';
import type { PortsEnv } from '../config/env.ts';
import { createMemoryAdapters, memoryModule } from '../container/memory.module.ts';
import { TOKENS } from '../container/tokens.ts';

type MemoryPortsEnv = Extract<PortsEnv, { ORDERLY_PORTS: 'memory' }>;

/**
 * ORDERLY_PORTS=memory, for bundle tests and the cold-start bench only: every store in memory (memoryModule), a
 * store per cold start, and the outbound ports the local runtime binds itself (infrastructure/local/system.ts) as
 * recording fakes: the notifier, the analytics sink, the saga's start and its task-token callbacks (no state
 * machine runs here). A fake records on the function's log: the bundle test invokes the function in another
 * process, and the log is what it can read.
 */
export const lambdaMemoryModules = (env: MemoryPortsEnv, obs: Observability): ContainerModule[] => {
  const record = (port: string, fields: Readonly<Record<string, unknown>>) => {
    obs.logger.info(`memory port: ${port}`, { port, ...fields });
    return okAsync(undefined);
  };
  const notifier: Notifier = { notify: (n) => record('notifier', n) };
  const analytics: AnalyticsSink = { record: (fact) => record('analytics', fact) };
  const orderFlow: OrderFlow = {
    start: (placed) => record('order-flow', { started: placed.data.orderId, causationId: placed.id }),
  };
  const callbacks: WorkflowCallbacks = {
    succeed: (taskToken, output) => record('workflow-callbacks', { succeed: taskToken, output }),
    fail: (taskToken, error, cause) => record('workflow-callbacks', { fail: taskToken, error, cause }),
  };
  return [
    memoryModule(
      createMemoryAdapters({ config: { approvalThreshold: env.APPROVAL_THRESHOLD, currency: env.CURRENCY } }),
    ),
    new ContainerModule(({ bind }) => {
      bind(TOKENS.notifier).toConstantValue(notifier);
      bind(TOKENS.analytics).toConstantValue(analytics);
      bind(TOKENS.orderFlow).toConstantValue(orderFlow);
      bind(TOKENS.callbacks).toConstantValue(callbacks);
    }),
  ];
};
