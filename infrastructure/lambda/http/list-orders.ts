import { listOrdersHttp } from '#adapters/lambda/http/list-orders.http.ts';
import { TOKENS } from '../../container/tokens.ts';
import { listOrdersModule } from '../../container/use-cases/list-orders.module.ts';
import { httpEntry } from './http-entry.ts';

export const handler = httpEntry('list-orders', listOrdersModule, (c) => listOrdersHttp(c.get(TOKENS.listOrders)));
