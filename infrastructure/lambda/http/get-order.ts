import { getOrderHttp } from '#adapters/lambda/http/get-order.http.ts';
import { TOKENS } from '../../container/tokens.ts';
import { httpEntry } from './http-entry.ts';

export const handler = httpEntry('get-order', (c) => getOrderHttp(c.get(TOKENS.getOrder)));
