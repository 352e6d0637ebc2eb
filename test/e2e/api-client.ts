import { generateIssuerKey } from '#adapters/lambda/auth/local-issuer.ts';
import { type LocalServer, type LocalServerOptions, startLocalServer } from '#infra/local/gateway/local-server.ts';

export const address = { name: 'Ada', line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' };

export const orderBody = (lines: { sku: string; quantity: number }[], paymentToken = 'tok_visa') => ({
  lines,
  shippingAddress: address,
  paymentToken,
});

/** The union of the response bodies these tests read: order view, lists, products, error bodies. */
export type Body = Readonly<{
  orderId?: string;
  status?: string;
  cancellationReason?: string;
  approvalRequired?: boolean;
  total?: Readonly<{ amount: number; currency: string }>;
  orders?: readonly Body[];
  nextCursor?: string;
  products?: readonly Readonly<{ sku: string; available: number }>[];
  message?: string;
  error?: string;
  issues?: readonly Readonly<{ path: string; message: string }>[];
}>;

export type Reply = Readonly<{ status: number; body: Body; headers: Headers }>;

/**
 * The local API on a free port with a throwaway issuer key (never the one in `.data/`), and a small client:
 * real HTTP with fetch, tokens from the same issuer the authorizer trusts.
 */
/** A small client over any started local server (plain, persistent or behind the strangler front door). */
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
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Body, headers: res.headers };
  };

  /** Polls GET /orders/{id} until the status is one of `until`; fails with the last status after `timeoutMs`. */
  const waitForStatus = async (
    orderId: string,
    token: string,
    until: readonly string[] = ['CONFIRMED', 'CANCELLED'],
    timeoutMs = 10_000,
  ) => {
    const deadline = Date.now() + timeoutMs;
    let last: Reply | undefined;
    while (Date.now() < deadline) {
      last = await call('GET', `/orders/${orderId}`, { token });
      if (last.status === 200 && until.includes(last.body.status ?? '')) return last.body;
      await new Promise((r) => setTimeout(r, 15));
    }
    throw new Error(`order ${orderId} did not reach ${until.join('|')}: last ${JSON.stringify(last?.body)}`);
  };

  const available = async (sku: string): Promise<number | undefined> =>
    (await call('GET', '/products')).body.products?.find((p) => p.sku === sku)?.available;

  return { call, tokenFor, waitForStatus, available };
};

/**
 * The local API on a free port with a throwaway issuer key (never the one in `.data/`), and a small client:
 * real HTTP with fetch, tokens from the same issuer the authorizer trusts.
 */
export const startApi = async (options: Omit<LocalServerOptions, 'port'> & { port?: number }) => {
  const server = await startLocalServer({
    sagaTimeScale: 0.001,
    issuerKey: await generateIssuerKey(),
    port: 0,
    ...options,
  });
  return { server, ...clientFor(server), close: server.close };
};
export type Api = Awaited<ReturnType<typeof startApi>>;
