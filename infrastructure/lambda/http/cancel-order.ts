import { cancelOrderHttp } from '#adapters/lambda/http/cancel-order.http.ts';
import { TOKENS } from '../../container/tokens.ts';
import { httpEntry } from './http-entry.ts';

export const handler = httpEntry('cancel-order', (c) => cancelOrderHttp(c.get(TOKENS.cancelOrder)));
