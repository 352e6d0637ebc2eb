import { okAsync } from 'neverthrow';
import type { Catalog, Product } from '#app/ports/catalog.ts';
import type { Sku } from '#domain/shared/ids.ts';

export const createMemoryCatalog = (products: readonly Product[]): Catalog => {
  const bySku = new Map(products.map((p) => [p.sku, p]));
  return {
    list: () => okAsync(products),
    find: (skus) =>
      okAsync(new Map(skus.flatMap((sku): [Sku, Product][] => (bySku.has(sku) ? [[sku, bySku.get(sku)!]] : [])))),
  };
};
