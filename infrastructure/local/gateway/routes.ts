import type { Container } from 'inversify';
import { cancelOrderHttp } from '#adapters/lambda/http/cancel-order.http.ts';
import { decideApprovalHttp } from '#adapters/lambda/http/decide-approval.http.ts';
import { getOrderHttp } from '#adapters/lambda/http/get-order.http.ts';
import { listOrdersHttp } from '#adapters/lambda/http/list-orders.http.ts';
import { listProductsHttp } from '#adapters/lambda/http/list-products.http.ts';
import { placeOrderHttp } from '#adapters/lambda/http/place-order.http.ts';
import type { HttpHandler } from '#adapters/lambda/http/route.ts';
import { updateOrderHttp } from '#adapters/lambda/http/update-order.http.ts';
import { TOKENS } from '../../container/tokens.ts';

/** `token` routes go through the authorizer first; `public` ones reach the handler without an actor (as in the CDK stack). */
export type RouteAuth = 'token' | 'public';

export type RouteSpec = Readonly<{ key: string; auth: RouteAuth; build: (container: Container) => HttpHandler }>;

/** The HTTP API's routes, with the same handlers the Lambda entries build from the same container tokens. */
export const routeSpecs: readonly RouteSpec[] = [
  { key: 'POST /orders', auth: 'token', build: (c) => placeOrderHttp(c.get(TOKENS.placeOrder)) },
  { key: 'GET /orders', auth: 'token', build: (c) => listOrdersHttp(c.get(TOKENS.listOrders)) },
  { key: 'GET /orders/{id}', auth: 'token', build: (c) => getOrderHttp(c.get(TOKENS.getOrder)) },
  { key: 'PUT /orders/{id}', auth: 'token', build: (c) => updateOrderHttp(c.get(TOKENS.updateShippingAddress)) },
  { key: 'POST /orders/{id}/cancel', auth: 'token', build: (c) => cancelOrderHttp(c.get(TOKENS.cancelOrder)) },
  {
    key: 'POST /orders/{id}/approval',
    auth: 'token',
    build: (c) => decideApprovalHttp(c.get(TOKENS.recordApprovalDecision)),
  },
  { key: 'GET /products', auth: 'public', build: (c) => listProductsHttp(c.get(TOKENS.listProducts)) },
];

export type RouteMatch = Readonly<{ routeKey: string; pathParameters: Readonly<Record<string, string>> }>;

type Segment = Readonly<{ literal: string } | { param: string }>;
type CompiledRoute = Readonly<{ method: string; routeKey: string; segments: readonly Segment[] }>;

const splitPath = (path: string) => path.split('/').filter((s) => s !== '');

export const compileRoute = (routeKey: string): CompiledRoute => {
  const [method, path] = routeKey.split(' ');
  if (!method || !path) throw new Error(`route key must be "METHOD /path": ${routeKey}`);
  const segments = splitPath(path).map((s): Segment => {
    const param = s.match(/^\{([A-Za-z0-9_]+)\}$/)?.[1];
    return param ? { param } : { literal: s };
  });
  return { method, routeKey, segments };
};

const decode = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // a malformed escape matches no route, as a path no route declares
  }
};

const matchOne = (route: CompiledRoute, method: string, parts: readonly string[]): RouteMatch | undefined => {
  if (route.method !== method || route.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of route.segments.entries()) {
    const part = parts[i] ?? '';
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      const value = decode(part);
      if (value === undefined || value === '') return undefined;
      params[segment.param] = value;
    }
  }
  return { routeKey: route.routeKey, pathParameters: params };
};

/**
 * API Gateway's choice between routes: the most specific one wins, so literal segments beat `{param}` ones
 * (an HTTP API prefers `/orders/me` over `/orders/{id}`). A method the path does not declare is a 404 there too.
 */
export const createRouter = (routeKeys: readonly string[]) => {
  const compiled = routeKeys.map(compileRoute);
  const literals = (r: CompiledRoute) => r.segments.filter((s) => 'literal' in s).length;
  const ordered = [...compiled].sort((a, b) => literals(b) - literals(a));
  return (method: string, path: string): RouteMatch | undefined => {
    const parts = splitPath(path);
    for (const route of ordered) {
      const found = matchOne(route, method.toUpperCase(), parts);
      if (found) return found;
    }
    return undefined;
  };
};
