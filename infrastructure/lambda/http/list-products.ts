import { listProductsHttp } from '#adapters/lambda/http/list-products.http.ts';
import { TOKENS } from '../../container/tokens.ts';
import { listProductsModule } from '../../container/use-cases/list-products.module.ts';
import { httpEntry } from './http-entry.ts';

export const handler = httpEntry('list-products', listProductsModule, (c) =>
  listProductsHttp(c.get(TOKENS.listProducts)),
);
