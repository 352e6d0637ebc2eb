import { ContainerModule } from 'inversify';
import { createPlaceOrder } from '#app/use-cases/place-order.ts';
import { TOKENS } from '../tokens.ts';
import { orderDeps } from './deps.ts';

export const placeOrderModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.placeOrder).toDynamicValue((ctx) =>
    createPlaceOrder({
      ...orderDeps(ctx),
      catalog: ctx.get(TOKENS.catalog),
      idempotency: ctx.get(TOKENS.idempotency),
      newId: ctx.get(TOKENS.newId),
      ...ctx.get(TOKENS.config),
    }),
  );
});
