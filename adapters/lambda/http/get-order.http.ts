import type { GetOrder } from '#app/use-cases/get-order.ts';
import { toOrderView } from './order-view.ts';
import { pathParameter } from './request.ts';
import { type HttpHandler, type RouteOptions, route } from './route.ts';

/** GET /orders/{id}: someone else's order is a 404, exactly like a missing one. */
export const getOrderHttp = (getOrder: GetOrder, options: RouteOptions = {}): HttpHandler =>
  route(
    ({ event, ctx }) =>
      pathParameter(event, 'id')
        .asyncAndThen((orderId) => getOrder(orderId, ctx))
        .map((order) => ({ status: 200, body: toOrderView(order) })),
    options,
  );
