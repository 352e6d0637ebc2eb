// `npm run load`: the local server in this process (loopback only, throwaway issuer key), driven by autocannon for
// LOAD_SECONDS (default 60) with a mix of POST /orders (valid, unique Idempotency-Keys, several customers, some
// declined cards, some orders above the approval threshold) and GETs; then it waits for the system to go quiet
// and checks that nothing was lost: orders placed (201) = orders found, every order terminal or awaiting approval,
// stock = seed − confirmed quantities, money captured − refunded = total for confirmed orders and 0 otherwise,
// no dead letters. Exits 1 if any check fails or any request got a 5xx. Knobs: LOAD_SECONDS, LOAD_CONNECTIONS,
// ORDER_FLOW (orchestration | choreography).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { generateIssuerKey } from '#adapters/lambda/auth/local-issuer.ts';
import { seedStock } from '#infra/config/seed.ts';
import { startLocalServer } from '#infra/local/gateway/local-server.ts';
import type { OrderFlowMode } from '#infra/topology/names.ts';
import { checkConsistency, waitForQuiet } from './load/consistency.ts';
import { recordResults } from './results/readme-table.ts';

type Req = { method?: string; path?: string; body?: string; headers?: Record<string, string> };
type Context = Record<string, unknown>;
type Result = Readonly<{
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}>;
type Options = Readonly<{
  url: string;
  connections: number;
  duration: number;
  requests: readonly (Req & {
    setupRequest?: (req: Req, context: Context) => Req;
    onResponse?: (status: number, body: string, context: Context) => void;
  })[];
}>;
// autocannon ships no types: the little of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Options) => Promise<Result>;

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 10);
const MODE = (process.env.ORDER_FLOW ?? 'orchestration') as OrderFlowMode;
const CUSTOMERS = Array.from({ length: 8 }, (_, i) => `load-customer-${i + 1}`);
// Plenty of everything but one scarce SKU, so out-of-stock cancellations happen under contention too.
const STOCK = Object.fromEntries(
  Object.entries(seedStock).map(([sku, q]) => [sku, sku === 'LIMITED-PRINT' ? 25 : q * 100]),
);
const SKUS = Object.keys(STOCK);
const address = { name: 'Ada', line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' };

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

const main = async () => {
  const server = await startLocalServer({
    port: 0,
    host: '127.0.0.1',
    mode: MODE,
    issuerKey: await generateIssuerKey(),
    sagaTimeScale: 0.001,
    memory: { stock: STOCK },
  });
  const tokens = new Map(
    await Promise.all(
      CUSTOMERS.map(async (c) => [c, await server.issuer.issueToken({ customerId: c, expiresIn: '2h' })] as const),
    ),
  );
  const placed = new Map<string, string>(); // orderId → customer
  const statuses = new Map<number, number>();
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);

  const auth = (context: Context) => {
    context.customer ??= pick(CUSTOMERS);
    return { authorization: `Bearer ${tokens.get(context.customer as string)}` };
  };
  console.log(`load: ${SECONDS} s, ${CONNECTIONS} connections, ${MODE}, server ${server.url}`);
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        path: '/orders',
        setupRequest: (req, context) => {
          const lines = [...new Set([pick(SKUS), pick(SKUS)])].map((sku) => ({
            sku,
            quantity: 1 + Math.floor(Math.random() * 2),
          }));
          const paymentToken = Math.random() < 0.1 ? 'tok_decline' : 'tok_visa';
          return {
            ...req,
            headers: { ...auth(context), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify({ lines, shippingAddress: address, paymentToken }),
          };
        },
        onResponse: (status, body, context) => {
          count(status);
          if (status === 201) {
            const id = (JSON.parse(body) as { orderId: string }).orderId;
            placed.set(id, context.customer as string);
            context.lastOrder = id;
          }
        },
      },
      {
        method: 'GET',
        setupRequest: (req, context) => ({
          ...req,
          path: `/orders/${encodeURIComponent((context.lastOrder as string | undefined) ?? 'none')}`,
          headers: auth(context),
        }),
        onResponse: (status) => count(status),
      },
      {
        method: 'GET',
        path: '/orders?limit=10',
        setupRequest: (req, context) => ({ ...req, headers: auth(context) }),
        onResponse: (status) => count(status),
      },
      { method: 'GET', path: '/products', onResponse: (status) => count(status) },
    ],
  });

  const settleStarted = Date.now();
  await waitForQuiet(server.system);
  const settleSeconds = (Date.now() - settleStarted) / 1000;
  const check = await checkConsistency({ server, tokens, placed, stock: STOCK, connections: CONNECTIONS });
  await server.close();

  const status5xx = [...statuses].filter(([s]) => s >= 500).reduce((a, [, c]) => a + c, 0);
  const problems = [...check.problems, ...(status5xx > 0 ? [`${status5xx} responses were 5xx`] : [])];
  const run = {
    ranAt: new Date().toISOString(),
    mode: MODE,
    seconds: SECONDS,
    connections: CONNECTIONS,
    requests: result.requests.total,
    throughput: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    status5xx,
    errors: result.errors,
    placed: placed.size,
    found: check.found,
    inFlightAtStop: check.inFlightAtStop,
    states: check.states,
    settleSeconds,
    consistent: problems.length === 0,
    problems,
  };
  console.table({
    requests: run.requests,
    'req/s': Math.round(run.throughput),
    'p50 ms': run.p50,
    'p99 ms': run.p99,
    errors: run.errors,
    non2xx: run.non2xx,
    '5xx': run.status5xx,
    placed: run.placed,
    found: run.found,
    'in flight at stop': run.inFlightAtStop,
    'settle s': Number(settleSeconds.toFixed(1)),
  });
  console.log('statuses', Object.fromEntries(statuses), 'orders', check.states);
  if (process.env.LOAD_RECORD !== '0') recordResults({ load: run });
  if (problems.length > 0) {
    console.error(`load: consistency check FAILED:\n- ${problems.slice(0, 20).join('\n- ')}`);
    process.exit(1);
  }
  console.log('load: consistency check passed');
  process.exit(0);
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
