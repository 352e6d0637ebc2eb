import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import type { AuthorizerHandler } from '#adapters/lambda/auth/authorizer.ts';
import type { AuthorizerContext } from '#adapters/lambda/auth/authorizer-context.ts';
import type { HttpHandler } from '#adapters/lambda/http/route.ts';
import { type IncomingRequest, toAuthorizerEvent, toHttpEvent, withAuthorizer } from './http-event.ts';
import { createRouter, type RouteAuth } from './routes.ts';

export type GatewayRoute = Readonly<{ key: string; auth: RouteAuth; handler: HttpHandler }>;

/** What goes back on the wire: status, headers (multi-valued for cookies), body bytes. */
export type GatewayResponse = Readonly<{
  statusCode: number;
  headers: Readonly<Record<string, string | readonly string[]>>;
  body: Buffer;
}>;

const gatewayMessage = (statusCode: number, message: string): GatewayResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ message })),
});

// API Gateway's own answers, produced before or instead of the integration.
export const notFound = () => gatewayMessage(404, 'Not Found');
export const unauthorized = () => gatewayMessage(401, 'Unauthorized');
export const internalError = () => gatewayMessage(500, 'Internal Server Error');
export const tooLarge = () => gatewayMessage(413, 'Request Entity Too Large');

/**
 * Payload format 2.0 result handling: a structured result is used as is; anything else (a string, an object
 * without statusCode) is a 200 with that value as a JSON body, which is what API Gateway infers.
 */
export const fromHandlerResult = (result: APIGatewayProxyResultV2): GatewayResponse => {
  if (typeof result === 'object' && result !== null && 'statusCode' in result && result.statusCode !== undefined) {
    const headers: Record<string, string | string[]> = Object.fromEntries(
      Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = [...result.cookies];
    const raw = result.body ?? '';
    const body = result.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
    return { statusCode: result.statusCode, headers, body };
  }
  const body = typeof result === 'string' ? result : JSON.stringify(result);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
};

export type GatewayOptions = Readonly<{
  routes: readonly GatewayRoute[];
  authorizer: AuthorizerHandler;
  /** A thrown handler or authorizer (a bug, a key set outage) is logged here; the client only sees a 500. */
  onError?: (error: unknown, routeKey: string) => void;
}>;

/**
 * The HTTP API in front of the Lambdas, as one function from request to response: route match (404 when none),
 * the REQUEST authorizer on protected routes (no Authorization header or a deny → 401 without calling the route),
 * then the route's handler with the authorizer context, and its result written back.
 */
export const createGateway = ({ routes, authorizer, onError = () => {} }: GatewayOptions) => {
  const router = createRouter(routes.map((r) => r.key));
  const byKey = new Map(routes.map((r) => [r.key, r]));

  const authorize = async (
    event: ReturnType<typeof toHttpEvent>,
  ): Promise<{ context: AuthorizerContext } | { denied: GatewayResponse }> => {
    // An empty identity source means API Gateway does not even call the authorizer.
    if (!event.headers.authorization) return { denied: unauthorized() };
    const verdict = await authorizer(toAuthorizerEvent(event));
    return verdict.isAuthorized ? { context: verdict.context } : { denied: unauthorized() };
  };

  return async (req: IncomingRequest): Promise<GatewayResponse> => {
    const { rawPath } = { rawPath: req.url.split('?')[0] ?? '/' };
    const match = router(req.method, rawPath);
    const route = match && byKey.get(match.routeKey);
    if (!match || !route) return notFound();
    const event = toHttpEvent(req, match);
    try {
      let context: AuthorizerContext | undefined;
      if (route.auth === 'token') {
        const outcome = await authorize(event);
        if ('denied' in outcome) return outcome.denied;
        context = outcome.context;
      }
      return fromHandlerResult(await route.handler(withAuthorizer(event, context)));
    } catch (e) {
      onError(e, match.routeKey);
      return internalError();
    }
  };
};
export type Gateway = ReturnType<typeof createGateway>;
