import type { JWK } from 'jose';
import type { LocalServer } from '#infra/local/gateway/local-server.ts';
import { type PersistentServerOptions, startPersistentServer } from '#infra/local/persistence/persistent-server.ts';
import type { Body, Reply } from '#test/e2e/api-client.ts';

/** A small HTTP client over any started local server (persistent or strangler front). */
export const clientFor = (server: Pick<LocalServer, 'url' | 'issuer'>) => {
  const tokenFor = (customerId: string, roles: string[] = []) => server.issuer.issueToken({ customerId, roles });
  const call = async (
    method: string,
    path: string,
    { token, body, headers = {} }: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Reply> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(token && { authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Body, headers: res.headers };
  };
  const waitFor = async (orderId: string, token: string, until: readonly string[], timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    let last: Reply | undefined;
    while (Date.now() < deadline) {
      last = await call('GET', `/orders/${orderId}`, { token });
      if (last.status === 200 && until.includes(last.body.status ?? '')) return last.body;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`order ${orderId} did not reach ${until.join('|')}: last ${JSON.stringify(last?.body)}`);
  };
  const available = async (sku: string) =>
    (await call('GET', '/products')).body.products?.find((p) => p.sku === sku)?.available;
  return { call, tokenFor, waitFor, available };
};

export const startPersistentApi = async (
  options: Omit<PersistentServerOptions, 'port' | 'mode'> & { issuerKey: JWK; mode?: PersistentServerOptions['mode'] },
) => {
  const server = await startPersistentServer({ port: 0, mode: 'orchestration', sagaTimeScale: 0.001, ...options });
  return { server, ...clientFor(server), close: server.close };
};
