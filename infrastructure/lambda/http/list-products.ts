import { listProductsHttp } from '#adapters/lambda/http/list-products.http.ts';
import { TOKENS } from '../../container/tokens.ts';
import { httpEntry } from './http-entry.ts';

export const handler = httpEntry('list-products', (c) => listProductsHttp(c.get(TOKENS.listProducts)));
