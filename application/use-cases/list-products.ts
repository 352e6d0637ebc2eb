import type { ResultAsync } from 'neverthrow';
import { available } from '#domain/inventory/stock-item.ts';
import type { AppError } from '../errors.ts';
import type { Catalog, Product } from '../ports/catalog.ts';
import type { StockRepository } from '../ports/stock-repository.ts';

export type ProductView = Product & Readonly<{ available: number }>;
export type ListProducts = () => ResultAsync<readonly ProductView[], AppError>;

export const createListProducts =
  ({ catalog, stock }: { catalog: Catalog; stock: StockRepository }): ListProducts =>
  () =>
    catalog.list().andThen((products) =>
      stock.loadMany(products.map((p) => p.sku)).map((items) =>
        products.map((p) => {
          const item = items.get(p.sku)?.state;
          return { ...p, available: item ? available(item) : 0 };
        }),
      ),
    );
