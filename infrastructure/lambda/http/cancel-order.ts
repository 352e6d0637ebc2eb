import { cancelOrderHttp } from '#adapters/lambda/http/cancel-order.http.ts';
import { TOKENS } from '../../container/tokens.ts';
import { cancelOrderModule } from '../../container/use-cases/cancel-order.module.ts';
import { httpEntry } from './http-entry.ts';

export const handler = httpEntry('cancel-order', cancelOrderModule, (c) => cancelOrderHttp(c.get(TOKENS.cancelOrder)));
