import { ContainerModule } from 'inversify';
import { createListProducts } from '#app/use-cases/list-products.ts';
import { TOKENS } from '../tokens.ts';

export const listProductsModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.listProducts).toDynamicValue((ctx) =>
    createListProducts({ catalog: ctx.get(TOKENS.catalog), stock: ctx.get(TOKENS.stock) }),
  );
});
