import type { ResultAsync } from 'neverthrow';
import type { Sku } from '#domain/shared/ids.ts';
import type { Money } from '#domain/shared/money.ts';
import type { Unavailable } from '../errors.ts';

export type Product = Readonly<{ sku: Sku; name: string; price: Money }>;

/** Prices come from here, never from the client. */
export type Catalog = Readonly<{
  list: () => ResultAsync<readonly Product[], Unavailable>;
  find: (skus: readonly Sku[]) => ResultAsync<ReadonlyMap<Sku, Product>, Unavailable>;
}>;
