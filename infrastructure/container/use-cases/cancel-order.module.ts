import { ContainerModule } from 'inversify';
import { createCancelOrder } from '#app/use-cases/cancel-order.ts';
import { TOKENS } from '../tokens.ts';
import { orderDeps } from './deps.ts';

export const cancelOrderModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.cancelOrder).toDynamicValue((ctx) => createCancelOrder(orderDeps(ctx)));
});
