import { placeOrderHttp } from '#adapters/lambda/http/place-order.http.ts';
import { TOKENS } from '../../container/tokens.ts';
import { placeOrderModule } from '../../container/use-cases/place-order.module.ts';
import { httpEntry } from './http-entry.ts';

export const handler = httpEntry('place-order', placeOrderModule, (c) => placeOrderHttp(c.get(TOKENS.placeOrder)));
