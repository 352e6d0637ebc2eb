import { okAsync } from 'neverthrow';
import type { ListOrders } from '#app/use-cases/list-orders.ts';
import { toOrderView } from './order-view.ts';
import { type HttpHandler, type RouteOptions, route } from './route.ts';

/**
 * GET /orders?status=&limit=&cursor=: the caller's own orders, newest first. The query goes to the use case
 * as it came, so an unknown parameter (a typo such as `stauts`) is a 400 rather than silently ignored.
 */
export const listOrdersHttp = (listOrders: ListOrders, options: RouteOptions = {}): HttpHandler =>
  route(
    ({ event, ctx }) =>
      okAsync(event.queryStringParameters ?? {})
        .andThen((query) => listOrders(query, ctx))
        .map((page) => ({
          status: 200,
          body: {
            orders: page.items.map(toOrderView),
            ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }),
          },
        })),
    options,
  );
