import { listOrdersHttp } from '#adapters/lambda/http/list-orders.http.ts';
import { TOKENS } from '../../container/tokens.ts';
import { httpEntry } from './http-entry.ts';

export const handler = httpEntry('list-orders', (c) => listOrdersHttp(c.get(TOKENS.listOrders)));
