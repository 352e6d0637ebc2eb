import { ContainerModule } from 'inversify';
import { createUpdateShippingAddress } from '#app/use-cases/update-shipping-address.ts';
import { TOKENS } from '../tokens.ts';
import { orderDeps } from './deps.ts';

export const updateShippingAddressModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.updateShippingAddress).toDynamicValue((ctx) => createUpdateShippingAddress(orderDeps(ctx)));
});
