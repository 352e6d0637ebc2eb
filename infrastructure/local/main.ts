import { parseArgs } from 'node:util';
import { z } from 'zod';
import { seedStock as seedStockOf } from '../config/seed.ts';
import { localDataDir } from './gateway/local-data.ts';
import { type LocalServer, type LocalServerOptions, startLocalServer } from './gateway/local-server.ts';
import { routeSpecs } from './gateway/routes.ts';
import { acquireDataLock, dataDirInUseMessage } from './persistence/data-lock.ts';
import { startPersistentServer } from './persistence/persistent-server.ts';
import { createFrontDoor } from './strangler/front-door.ts';
import { createLocalLog } from './strangler/log.ts';
import { stranglerConfigFrom } from './strangler/route-table.ts';

/** `npm start`: the whole system in this process behind a local HTTP API, on wall-clock time. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  ORDER_FLOW: z.enum(['orchestration', 'choreography']).default('orchestration'),
  APPROVAL_THRESHOLD: z.coerce.number().int().positive().optional(),
  LOG_LEVEL: z
    .string()
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']))
    .default('INFO'),
  /** Bench and load tests only: on-hand stock given to every seeded SKU. */
  ORDERLY_SEED_STOCK: z.coerce.number().int().positive().optional(),
});
// `--memory`: a throwaway run (nothing read or written but the issuer key); `--reset`: start again from the seed.
const { values: flags } = parseArgs({
  options: { memory: { type: 'boolean', default: false }, reset: { type: 'boolean', default: false } },
  strict: true,
});

const parsed = Env.safeParse(process.env);
if (!parsed.success) {
  console.error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
  process.exit(1);
}
const env = parsed.data;
const log = createLocalLog({ service: 'orderly-local', pretty: process.stdout.isTTY === true, level: env.LOG_LEVEL });
const strangler = stranglerConfigFrom(process.env);
if (strangler.isErr()) {
  console.error(`Invalid strangler configuration:\n  ${strangler.error.issues.join('\n  ')}`);
  process.exit(1);
}
const dataDir = localDataDir();
// One writer per journal: `npm run import` on the same folder is refused while this runs (released at exit).
const lock = flags.memory ? undefined : acquireDataLock(dataDir, 'npm start');
if (lock?.isErr()) {
  console.error(dataDirInUseMessage(lock.error));
  process.exit(3);
}
const seedStock = env.ORDERLY_SEED_STOCK;
const options: LocalServerOptions = {
  port: env.PORT,
  host: env.HOST,
  mode: env.ORDER_FLOW,
  sagaTimeScale: 1,
  ...(env.APPROVAL_THRESHOLD !== undefined && { approvalThreshold: env.APPROVAL_THRESHOLD }),
  ...(seedStock !== undefined && {
    memory: { stock: Object.fromEntries(Object.keys(seedStockOf).map((sku) => [sku, seedStock])) },
  }),
  onError: (error, routeKey) =>
    log.error('unhandled error', { routeKey, error: error instanceof Error ? error.stack : String(error) }),
  wrapGateway: (gateway) => createFrontDoor({ config: strangler.value, newGateway: gateway, log }),
};
const persistent = flags.memory ? undefined : await startPersistentServer({ ...options, dataDir, reset: flags.reset });
const server: LocalServer = persistent ?? (await startLocalServer(options));
const storage = flags.memory
  ? 'Orders live in memory (--memory) and are gone on stop.'
  : `Orders, stock, payments persist in ${dataDir} (journal.jsonl; --reset starts again from the seed, --memory for a throwaway run).`;
const legacyRoutes = Object.entries(strangler.value.routes).filter(([, b]) => b !== 'new');

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
${storage}
Strangler: ${strangler.value.legacyUrl ? `unknown routes → ${strangler.value.legacyUrl}` : 'no LEGACY_URL (unknown routes are 404)'}${legacyRoutes.map(([k, b]) => `\n  ${k.padEnd(28)}${b}`).join('')}
Ctrl+C to stop.`);
if (persistent) {
  const { restarted, cancelled } = persistent.reconciliation;
  log.info('store loaded', {
    dataDir,
    ...persistent.store,
    sagasRestarted: restarted.length,
    cancelled: cancelled.length,
  });
}

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  const force = setTimeout(() => process.exit(1), 15_000).unref();
  server.close().then(
    () => {
      clearTimeout(force);
      process.exit(0);
    },
    (e: unknown) => {
      log.error('shutdown failed', { error: String(e) });
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
