import { ContainerModule } from 'inversify';
import { createListOrders } from '#app/use-cases/list-orders.ts';
import { TOKENS } from '../tokens.ts';
import { orderDeps } from './deps.ts';

export const listOrdersModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.listOrders).toDynamicValue((ctx) => createListOrders(orderDeps(ctx)));
});
