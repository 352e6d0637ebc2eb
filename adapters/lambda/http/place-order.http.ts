import { err, ok, type Result } from 'neverthrow';
import type { PlaceOrder } from '#app/use-cases/place-order.ts';
import { type ValidationFailed, validationFailed } from '#domain/shared/validation.ts';
import { toOrderView } from './order-view.ts';
import { type HttpEvent, header, readJsonBody } from './request.ts';
import { type HttpHandler, type RouteOptions, route } from './route.ts';

// Visible ASCII only (a UUID in practice): the key becomes part of a storage key and of log lines.
const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

const idempotencyKeyOf = (event: HttpEvent): Result<string | undefined, ValidationFailed> => {
  const key = header(event, 'idempotency-key');
  if (key === undefined) return ok(undefined);
  return IDEMPOTENCY_KEY.test(key)
    ? ok(key)
    : err(validationFailed([{ path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]));
};

/** POST /orders: 201 with the order view; the same Idempotency-Key and body answers with the same order. */
export const placeOrderHttp = (placeOrder: PlaceOrder, options: RouteOptions = {}): HttpHandler =>
  route(
    ({ event, ctx }) =>
      readJsonBody(event)
        .andThen((body) => idempotencyKeyOf(event).map((key) => ({ body, key })))
        .asyncAndThen(({ body, key }) => placeOrder(body, ctx, key))
        .map((order) => ({
          status: 201,
          body: toOrderView(order),
          headers: { location: `/orders/${encodeURIComponent(order.id)}` },
        })),
    options,
  );
