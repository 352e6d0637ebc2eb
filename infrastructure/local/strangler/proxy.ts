import type { GatewayResponse } from '../gateway/gateway.ts';
import type { IncomingRequest } from '../gateway/http-event.ts';

/** RFC 9110 §7.6.1 connection-specific headers, plus what the proxy recomputes (host, content-length). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
]);

const endToEnd = (headers: IncomingRequest['headers']) => {
  const named = new Set((headers.connection ?? []).flatMap((v) => v.split(',').map((s) => s.trim().toLowerCase()))); // headers the client listed in Connection are hop-by-hop too
  const out = new Headers();
  for (const [name, values] of Object.entries(headers)) {
    if (!values || HOP_BY_HOP.has(name) || named.has(name)) continue;
    for (const v of values) out.append(name, v);
  }
  return out;
};

const badGateway = (message: string): GatewayResponse => ({
  statusCode: 502,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(JSON.stringify({ message: 'Bad Gateway', detail: message })),
});

/**
 * API Gateway's HTTP_PROXY integration, locally: method, path, query, end-to-end headers and body go to the legacy
 * base URL; its answer comes back as is (minus hop-by-hop headers). An unreachable backend is a 502, as in AWS.
 */
export const createLegacyProxy =
  (legacyUrl: string, { timeoutMs = 29_000 }: { timeoutMs?: number } = {}) =>
  async (req: IncomingRequest, extraHeaders: Readonly<Record<string, string>> = {}): Promise<GatewayResponse> => {
    const headers = endToEnd(req.headers);
    for (const [k, v] of Object.entries(extraHeaders)) headers.set(k, v);
    const hasBody = req.body.length > 0 && req.method !== 'GET' && req.method !== 'HEAD';
    try {
      const res = await fetch(`${legacyUrl}${req.url}`, {
        method: req.method,
        headers,
        ...(hasBody && { body: req.body }),
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // Entries, then Object.fromEntries: every header name an own property, even `__proto__` (as in http-event.ts).
      const out: [string, string | string[]][] = [];
      res.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name) && name !== 'content-encoding' && name !== 'set-cookie') out.push([name, value]);
      });
      const cookies = res.headers.getSetCookie();
      if (cookies.length > 0) out.push(['set-cookie', cookies]);
      return { statusCode: res.status, headers: Object.fromEntries(out), body: Buffer.from(await res.arrayBuffer()) };
    } catch (e) {
      return badGateway((e as Error).message);
    }
  };
export type LegacyProxy = ReturnType<typeof createLegacyProxy>;
