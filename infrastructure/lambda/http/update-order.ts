import { updateOrderHttp } from '#adapters/lambda/http/update-order.http.ts';
import { TOKENS } from '../../container/tokens.ts';
import { updateShippingAddressModule } from '../../container/use-cases/update-shipping-address.module.ts';
import { httpEntry } from './http-entry.ts';

export const handler = httpEntry('update-order', updateShippingAddressModule, (c) =>
  updateOrderHttp(c.get(TOKENS.updateShippingAddress)),
);
