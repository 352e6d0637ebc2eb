import { withObservability } from '#adapters/lambda/observability/with-observability.ts';
import { cancelOrderModule } from '../../container/use-cases/cancel-order.module.ts';
import { sagaStepsModule } from '../../container/use-cases/saga-steps.module.ts';
import { type SagaTaskName, sagaTaskFunctions } from '../../workflows/saga-tasks.ts';
import { createLambdaRuntime } from '../runtime.ts';

type TaskInput = { meta?: { correlationId?: string } };

/** One saga task function: the adapter over its use case, with the saga's correlation id on every log line. */
export const taskEntry = (name: SagaTaskName) => {
  const { obs, container } = createLambdaRuntime([sagaStepsModule, cancelOrderModule]);
  return withObservability(name, sagaTaskFunctions(container)[name], {
    obs,
    probe: {
      begin: (event: unknown) => {
        const correlationId = (event as TaskInput | undefined)?.meta?.correlationId;
        return { event, ...(correlationId && { correlationId }) };
      },
    },
  });
};
