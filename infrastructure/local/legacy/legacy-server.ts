import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedProducts, seedStock } from '../../config/seed.ts';

/**
 * The old backend of the strangler-fig demo: a plain node:http JSON service with its own in-memory orders, serving
 * the routes the way the monolith did (no events, no saga: an order is CONFIRMED on the spot), plus routes that were
 * never migrated (`/customers/{id}`, `/legacy/health`). Every answer says `x-served-by: legacy`.
 */
type LegacyOrder = {
  orderId: string;
  customerId: string;
  status: 'CONFIRMED';
  lines: { sku: string; quantity: number }[];
  total: { amount: number; currency: string };
  placedAt: string;
};

export type SeenRequest = Readonly<{ method: string; url: string; headers: Readonly<Record<string, unknown>> }>;

export type LegacyServer = Readonly<{
  url: string;
  port: number;
  /** Every request seen (tests check what was proxied, and how). */
  seen: () => readonly SeenRequest[];
  close: () => Promise<void>;
}>;

const send = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-served-by': 'legacy',
  });
  res.end(text);
};

const readJson = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    return undefined;
  }
};

/** The monolith trusted a customer header set by its own front end; no token verification here. */
const customerOf = (req: IncomingMessage) => {
  const header = req.headers['x-customer-id'];
  return (Array.isArray(header) ? header[0] : header) ?? (req.headers.authorization ? 'legacy-customer' : undefined);
};

const price = new Map(seedProducts.map((p) => [String(p.sku), p.price]));

export const startLegacyServer = async ({ port = 0, host = '127.0.0.1' }: { port?: number; host?: string } = {}) => {
  const orders = new Map<string, LegacyOrder>();
  const seen: SeenRequest[] = [];
  let next = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://legacy');
    const method = req.method ?? 'GET';
    seen.push({ method, url: `${url.pathname}${url.search}`, headers: { ...req.headers } });
    const parts = url.pathname.split('/').filter(Boolean);
    const route =
      url.pathname === '/legacy/health'
        ? 'GET /legacy/health'
        : `${method} /${parts.map((p, i) => (i === 1 ? '*' : p)).join('/')}`;
    switch (route) {
      case 'GET /legacy/health':
        return send(res, 200, { status: 'ok', orders: orders.size });
      case 'GET /products':
        return send(res, 200, {
          products: seedProducts.map((p) => ({
            sku: p.sku,
            name: p.name,
            price: p.price.amount,
            currency: p.price.currency,
            available: seedStock[p.sku] ?? 0,
          })),
        });
      case 'GET /customers/*':
        return send(res, 200, { customerId: parts[1], name: `Customer ${parts[1]}`, tier: 'classic' });
      case 'GET /orders': {
        const customerId = customerOf(req);
        if (!customerId) return send(res, 401, { message: 'Unauthorized' });
        return send(res, 200, { orders: [...orders.values()].filter((o) => o.customerId === customerId) });
      }
      case 'GET /orders/*': {
        const found = orders.get(parts[1] ?? '');
        return found ? send(res, 200, found) : send(res, 404, { message: 'order not found' });
      }
      case 'POST /orders': {
        const customerId = customerOf(req);
        if (!customerId) return send(res, 401, { message: 'Unauthorized' });
        const body = (await readJson(req)) as { lines?: { sku: string; quantity: number }[] } | undefined;
        const lines = body?.lines;
        if (!Array.isArray(lines) || lines.length === 0) return send(res, 400, { message: 'lines are required' });
        const amount = lines.reduce((sum, l) => sum + (price.get(l.sku)?.amount ?? 0) * l.quantity, 0);
        const order: LegacyOrder = {
          orderId: `L-${String(++next).padStart(6, '0')}`,
          customerId,
          status: 'CONFIRMED',
          lines,
          total: { amount, currency: 'EUR' },
          placedAt: new Date().toISOString(),
        };
        orders.set(order.orderId, order);
        return send(res, 201, order);
      }
      default:
        return send(res, 404, { message: 'Not Found' });
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { message: 'Internal Server Error' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    seen: () => [...seen],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  } satisfies LegacyServer;
};
