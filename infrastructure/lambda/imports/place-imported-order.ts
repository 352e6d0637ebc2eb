import { withObservability } from '#adapters/lambda/observability/with-observability.ts';
import { placeImportedOrderTask } from '#adapters/lambda/sfn/place-imported-order.task.ts';
import { createPlaceImportedOrder } from '#app/imports/place-imported-order.ts';
import { TOKENS } from '../../container/tokens.ts';
import { placeOrderModule } from '../../container/use-cases/place-order.module.ts';
import { createLambdaRuntime } from '../runtime.ts';

type TaskInput = { meta?: { correlationId?: string } };

const { obs, container } = createLambdaRuntime([placeOrderModule]);
const task = placeImportedOrderTask(createPlaceImportedOrder({ placeOrder: container.get(TOKENS.placeOrder) }));

/** The import-chunk workflow's task (`${PlaceImportedOrderArn}`), with the import's correlation id on its logs. */
export const handler = withObservability('place-imported-order', task, {
  obs,
  probe: {
    begin: (event: unknown) => {
      const correlationId = (event as TaskInput | undefined)?.meta?.correlationId;
      return { event, ...(correlationId && { correlationId }) };
    },
  },
});
