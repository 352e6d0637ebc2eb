import type { CancelOrder } from '#app/use-cases/cancel-order.ts';
import { toOrderView } from './order-view.ts';
import { pathParameter } from './request.ts';
import { type HttpHandler, type RouteOptions, route } from './route.ts';

/** POST /orders/{id}/cancel: a customer's cancellation; cancelling twice answers 200 with the same order. */
export const cancelOrderHttp = (cancelOrder: CancelOrder, options: RouteOptions = {}): HttpHandler =>
  route(
    ({ event, ctx }) =>
      pathParameter(event, 'id')
        .asyncAndThen((orderId) => cancelOrder({ orderId, reason: 'CUSTOMER_CANCELLED' }, ctx))
        .map((order) => ({ status: 200, body: toOrderView(order) })),
    options,
  );
