import type { UpdateShippingAddress } from '#app/use-cases/update-shipping-address.ts';
import { toOrderView } from './order-view.ts';
import { pathParameter, readJsonBody } from './request.ts';
import { type HttpHandler, type RouteOptions, route } from './route.ts';

/** PUT /orders/{id} with `{ shippingAddress }`: only while the order is open (409 afterwards). */
export const updateOrderHttp = (update: UpdateShippingAddress, options: RouteOptions = {}): HttpHandler =>
  route(
    ({ event, ctx }) =>
      pathParameter(event, 'id')
        .andThen((orderId) => readJsonBody(event).map((body) => ({ orderId, body })))
        .asyncAndThen(({ orderId, body }) => update(orderId, body, ctx))
        .map((order) => ({ status: 200, body: toOrderView(order) })),
    options,
  );
