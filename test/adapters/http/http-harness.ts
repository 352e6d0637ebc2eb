import { cancelOrderHttp } from '#adapters/lambda/http/cancel-order.http.ts';
import { decideApprovalHttp } from '#adapters/lambda/http/decide-approval.http.ts';
import { getOrderHttp } from '#adapters/lambda/http/get-order.http.ts';
import { listOrdersHttp } from '#adapters/lambda/http/list-orders.http.ts';
import { listProductsHttp } from '#adapters/lambda/http/list-products.http.ts';
import { placeOrderHttp } from '#adapters/lambda/http/place-order.http.ts';
import type { HttpResponse } from '#adapters/lambda/http/responses.ts';
import type { HttpHandler } from '#adapters/lambda/http/route.ts';
import { updateOrderHttp } from '#adapters/lambda/http/update-order.http.ts';
import { createManualClock, createSequentialIds } from '#adapters/memory/system.ts';
import { buildContainer } from '#infra/container/container.ts';
import { createMemoryAdapters, type MemoryOptions, memoryModule } from '#infra/container/memory.module.ts';
import { TOKENS } from '#infra/container/tokens.ts';
import { httpEvent, type RequestSpec } from '#test/fixtures/events/http-events.ts';

export const ADDRESS = {
  name: 'Ada Lovelace',
  line1: '12 St James Sq',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};
export const aPlaceOrderBody = (overrides: Record<string, unknown> = {}) => ({
  lines: [{ sku: 'BOOK-DDD', quantity: 2 }],
  shippingAddress: ADDRESS,
  paymentToken: 'tok_visa',
  ...overrides,
});

/** Every route over one memory container, with a clock and ids the test controls. */
export const createHttpHarness = (options: MemoryOptions = {}) => {
  const clock = createManualClock();
  const adapters = createMemoryAdapters({ clock: clock.clock, newId: createSequentialIds('id'), ...options });
  const container = buildContainer(memoryModule(adapters));
  let correlations = 0;
  const routeOptions = { newCorrelationId: () => `corr-${++correlations}` };
  const routes: Record<string, HttpHandler> = {
    'POST /orders': placeOrderHttp(container.get(TOKENS.placeOrder), routeOptions),
    'GET /orders/{id}': getOrderHttp(container.get(TOKENS.getOrder), routeOptions),
    'GET /orders': listOrdersHttp(container.get(TOKENS.listOrders), routeOptions),
    'PUT /orders/{id}': updateOrderHttp(container.get(TOKENS.updateShippingAddress), routeOptions),
    'POST /orders/{id}/cancel': cancelOrderHttp(container.get(TOKENS.cancelOrder), routeOptions),
    'POST /orders/{id}/approval': decideApprovalHttp(container.get(TOKENS.recordApprovalDecision), routeOptions),
    'GET /products': listProductsHttp(container.get(TOKENS.listProducts), routeOptions),
  };
  const send = async (spec: RequestSpec): Promise<HttpResponse & { json: Record<string, unknown> }> => {
    const handler = routes[spec.route];
    if (!handler) throw new Error(`no route ${spec.route}`);
    const response = await handler(httpEvent(spec));
    return { ...response, json: JSON.parse(response.body) as Record<string, unknown> };
  };
  const place = async (body: unknown = aPlaceOrderBody(), caller?: RequestSpec['caller']) => {
    const response = await send({ route: 'POST /orders', body, ...(caller && { caller }) });
    if (response.statusCode !== 201) throw new Error(`place failed: ${response.body}`);
    return response.json as { orderId: string } & Record<string, unknown>;
  };
  return { adapters, container, clock, send, place };
};
