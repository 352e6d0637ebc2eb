import { placeOrderHttp } from '#adapters/lambda/http/place-order.http.ts';
import { TOKENS } from '../../container/tokens.ts';
import { httpEntry } from './http-entry.ts';

export const handler = httpEntry('place-order', (c) => placeOrderHttp(c.get(TOKENS.placeOrder)));
