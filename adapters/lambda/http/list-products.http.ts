import type { ListProducts } from '#app/use-cases/list-products.ts';
import { type HttpHandler, type RouteOptions, route } from './route.ts';

/** GET /products: prices in minor units with their currency, and what is available to order now. */
export const listProductsHttp = (listProducts: ListProducts, options: RouteOptions = {}): HttpHandler =>
  route(
    () =>
      listProducts().map((products) => ({
        status: 200,
        body: {
          products: products.map((p) => ({
            sku: p.sku,
            name: p.name,
            price: p.price.amount,
            currency: p.price.currency,
            available: p.available,
          })),
        },
      })),
    { requireActor: false, ...options },
  );
