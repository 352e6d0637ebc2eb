import { getOrderHttp } from '#adapters/lambda/http/get-order.http.ts';
import { TOKENS } from '../../container/tokens.ts';
import { getOrderModule } from '../../container/use-cases/get-order.module.ts';
import { httpEntry } from './http-entry.ts';

export const handler = httpEntry('get-order', getOrderModule, (c) => getOrderHttp(c.get(TOKENS.getOrder)));
