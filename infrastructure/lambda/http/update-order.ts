import { updateOrderHttp } from '#adapters/lambda/http/update-order.http.ts';
import { TOKENS } from '../../container/tokens.ts';
import { httpEntry } from './http-entry.ts';

export const handler = httpEntry('update-order', (c) => updateOrderHttp(c.get(TOKENS.updateShippingAddress)));
