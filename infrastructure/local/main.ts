import { z } from 'zod';
import { startLocalServer } from './gateway/local-server.ts';
import { routeSpecs } from './gateway/routes.ts';

/** `npm start`: the whole system in this process behind a local HTTP API, on wall-clock time. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  ORDER_FLOW: z.enum(['orchestration', 'choreography']).default('orchestration'),
  APPROVAL_THRESHOLD: z.coerce.number().int().positive().optional(),
});

const parsed = Env.safeParse(process.env);
if (!parsed.success) {
  console.error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
  process.exit(1);
}
const env = parsed.data;

const server = await startLocalServer({
  port: env.PORT,
  host: env.HOST,
  mode: env.ORDER_FLOW,
  sagaTimeScale: 1,
  ...(env.APPROVAL_THRESHOLD !== undefined && { approvalThreshold: env.APPROVAL_THRESHOLD }),
  onError: (error, routeKey) => console.error(`[${routeKey}] unhandled error`, error),
});

const threshold = server.system.adapters.config.approvalThreshold;
console.log(`Orderly local API listening on ${server.url}  (ORDER_FLOW=${env.ORDER_FLOW}, approval at ≥ ${threshold} minor units)
Routes:
${routeSpecs.map((r) => `  ${r.key.padEnd(28)}${r.auth === 'public' ? 'public' : 'Bearer token'}`).join('\n')}
Get a token:
  TOKEN=$(npm run --silent token -- --customer c-1)            # a customer
  ADMIN=$(npm run --silent token -- --customer ops-1 --role admin)  # approves/rejects
Try:
  curl -s ${server.url}/products
  curl -s -X POST ${server.url}/orders -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -d '{"lines":[{"sku":"BOOK-DDD","quantity":1}],"shippingAddress":{"name":"Ada","line1":"1 Main St","city":"Paris","postalCode":"75001","country":"FR"},"paymentToken":"tok_visa"}'
Data (issuer key) in .data/; orders live in memory and are gone on restart. Ctrl+C to stop.`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  const force = setTimeout(() => process.exit(1), 5_000).unref();
  server.close().then(
    () => {
      clearTimeout(force);
      process.exit(0);
    },
    (e: unknown) => {
      console.error('shutdown failed', e);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
