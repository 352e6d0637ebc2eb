import { ContainerModule } from 'inversify';
import { createGetOrder } from '#app/use-cases/get-order.ts';
import { TOKENS } from '../tokens.ts';
import { orderDeps } from './deps.ts';

export const getOrderModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.getOrder).toDynamicValue((ctx) => createGetOrder(orderDeps(ctx)));
});
