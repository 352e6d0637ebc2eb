import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import type { AuthorizerContext } from '#adapters/lambda/auth/authorizer-context.ts';
import type { HttpEvent } from '#adapters/lambda/http/request.ts';
import type { RouteMatch } from './routes.ts';

/** What the gateway knows about one request once its body is read: plain data, so the translation is pure. */
export type IncomingRequest = Readonly<{
  method: string;
  /** The request target as sent: path plus optional `?query`. */
  url: string;
  /** Node's `headersDistinct`: every value of every header, names already lower-cased. */
  headers: Readonly<Record<string, readonly string[] | undefined>>;
  body: Buffer;
  sourceIp: string;
  requestId: string;
  timeEpoch: number;
}>;

export const API_ID = 'local';
const DOMAIN = 'localhost';
const ACCOUNT_ID = '000000000000';
const STAGE = '$default';

// Payload format 2.0 passes these as text; anything else arrives base64-encoded with isBase64Encoded: true.
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|application\/[^;]+\+(json|xml))/i;

const splitUrl = (url: string) => {
  const at = url.indexOf('?');
  return at === -1
    ? { rawPath: url, rawQueryString: '' }
    : { rawPath: url.slice(0, at), rawQueryString: url.slice(at + 1) };
};

const decodeQueryPart = (s: string) => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

/**
 * Repeated query parameters are joined with commas, as HTTP API does (`a=1&a=2` → `a: '1,2'`). Names are collected
 * in a Map and turned into own properties by `Object.fromEntries`: assigning `out['__proto__']` on a plain object
 * would set its prototype instead, and `?__proto__=` would vanish rather than reach the handler as it does on AWS.
 */
export const queryParameters = (rawQueryString: string): Record<string, string> | undefined => {
  const out = new Map<string, string>();
  for (const pair of rawQueryString.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = decodeQueryPart(eq === -1 ? pair : pair.slice(0, eq));
    const value = decodeQueryPart(eq === -1 ? '' : pair.slice(eq + 1));
    const before = out.get(name);
    out.set(name, before === undefined ? value : `${before},${value}`);
  }
  return out.size > 0 ? Object.fromEntries(out) : undefined;
};

/** Header names lower-cased, repeated values comma-joined; cookies travel apart in `cookies`, as in format 2.0. */
export const eventHeaders = (headers: IncomingRequest['headers']) => {
  const out: [string, string][] = []; // own properties even for a header named `__proto__` (see queryParameters)
  let cookies: string[] | undefined;
  for (const [name, values] of Object.entries(headers)) {
    if (!values || values.length === 0) continue;
    if (name === 'cookie') cookies = values.flatMap((v) => v.split(';').map((c) => c.trim())).filter(Boolean);
    else out.push([name, values.join(',')]);
  }
  return { headers: Object.fromEntries(out) as Record<string, string>, cookies };
};

const eventBody = (req: IncomingRequest): { body?: string; isBase64Encoded: boolean } => {
  if (req.body.length === 0) return { isBase64Encoded: false };
  const type = req.headers['content-type']?.[0] ?? '';
  return TEXT_TYPES.test(type)
    ? { body: req.body.toString('utf8'), isBase64Encoded: false }
    : { body: req.body.toString('base64'), isBase64Encoded: true };
};

// Fixed English abbreviations (a locale-aware formatter per request was a measurable share of the gateway's time).
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const clf = (epoch: number) => {
  // API Gateway's requestContext.time, e.g. 12/Mar/2020:19:03:58 +0000
  const d = new Date(epoch);
  const month = MONTHS[d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${month}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
};

/** The integration event of an HTTP API (payload format 2.0) for a matched route, before any authorizer ran. */
export const toHttpEvent = (req: IncomingRequest, match: RouteMatch): APIGatewayProxyEventV2 => {
  const { rawPath, rawQueryString } = splitUrl(req.url);
  const { headers, cookies } = eventHeaders(req.headers);
  const queryStringParameters = queryParameters(rawQueryString);
  const hasParams = Object.keys(match.pathParameters).length > 0;
  return {
    version: '2.0',
    routeKey: match.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies && { cookies }),
    headers,
    ...(queryStringParameters && { queryStringParameters }),
    ...(hasParams && { pathParameters: { ...match.pathParameters } }),
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId: API_ID,
      domainName: headers.host ?? DOMAIN,
      domainPrefix: (headers.host ?? DOMAIN).split('.')[0] ?? DOMAIN,
      http: {
        method: req.method.toUpperCase(),
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: req.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: req.requestId,
      routeKey: match.routeKey,
      stage: STAGE,
      time: clf(req.timeEpoch),
      timeEpoch: req.timeEpoch,
    },
    ...eventBody(req),
  };
};

/** The REQUEST authorizer's event (format 2.0) for the same request; identity source `$request.header.Authorization`. */
export const toAuthorizerEvent = (event: APIGatewayProxyEventV2): APIGatewayRequestAuthorizerEventV2 => {
  const authorization = event.headers.authorization;
  const { requestContext } = event;
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:us-east-1:${ACCOUNT_ID}:${API_ID}/${STAGE}/${event.routeKey.replace(' ', '')}`,
    identitySource: authorization ? [authorization] : [],
    routeKey: event.routeKey,
    rawPath: event.rawPath,
    rawQueryString: event.rawQueryString,
    cookies: event.cookies ?? [],
    headers: event.headers,
    ...(event.queryStringParameters && {
      queryStringParameters: event.queryStringParameters as Record<string, string>,
    }),
    requestContext,
    ...(event.pathParameters && { pathParameters: event.pathParameters as Record<string, string> }),
  };
};

/**
 * The event the route's Lambda receives: the authorizer's context under `requestContext.authorizer.lambda`.
 * Public routes carry no authorizer at all, as in AWS; the handlers read it optionally.
 */
export const withAuthorizer = (event: APIGatewayProxyEventV2, context: AuthorizerContext | undefined): HttpEvent =>
  (context
    ? { ...event, requestContext: { ...event.requestContext, authorizer: { lambda: context } } }
    : event) as HttpEvent;
