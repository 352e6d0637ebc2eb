// `npm start`'s throughput: sustained POST /orders against the local server (child process, persistence on,
// orchestration, unique orders with valid tokens), every order followed to a terminal state, next to a bare
// node:http server answering POST /orders with a fixed 201 measured in the same run. Reports req/s, the ratio,
// p50/p99 latency (saturated, and at a fixed rate of 20% of the bare server's req/s), terminal states, peak RSS,
// and the read floor: GET /orders/{id} through the same gateway and handler stack, with no write and no saga.
// Never asserts on time. Knobs: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 10), BENCH_SERVER_FLAGS (node
// flags for the server, e.g. `--heap-growing-percent=30` to trade throughput for a smaller heap).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalIssuer } from '#adapters/lambda/auth/local-issuer.ts';
import { localIssuerKey } from '#infra/local/gateway/local-data.ts';

// autocannon ships no types: the little of its API used here.
type Request = Readonly<{ method?: string; path?: string; body?: string; headers?: Record<string, string> }>;
type Result = Readonly<{
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}>;
type Options = Readonly<{
  url: string;
  connections: number;
  duration: number;
  overallRate?: number;
  requests: readonly (Request & {
    setupRequest?: (req: Request) => Request;
    onResponse?: (status: number, body: string) => void;
  })[];
}>;
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Options) => Promise<Result>;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SERVER_FLAGS = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
const root = process.cwd();

const startChild = (args: string[], env: Record<string, string>) =>
  new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL: ${out}`)), 60_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const url = out.match(/listening on (http:\/\/\S+)/)?.[1];
      if (url) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume(); // keep draining: warnings must not block the server
        resolve({ child, url });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const peakRssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1] ?? 0) / 1024;
};

const BARE = `require('node:http').createServer((req, res) => { req.resume(); req.on('end', () => {
  const body = JSON.stringify({ orderId: 'fixed', status: 'PENDING' });
  res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); }); })
  .listen(0, '127.0.0.1', function () { console.log('listening on http://127.0.0.1:' + this.address().port); });`;

// Orders spread over the SKUs under the approval threshold (a stock item is counters, so one hot SKU would cost
// the same; spreading keeps the demo catalog's stock levels realistic).
const SKUS = ['BOOK-DDD', 'BOOK-EIP', 'MUG-LAMBDA', 'TEE-EVENTS', 'KBD-MECH', 'LIMITED-PRINT'];
let sent = 0;
const nextBody = () =>
  JSON.stringify({
    lines: [{ sku: SKUS[sent++ % SKUS.length], quantity: 1 }],
    shippingAddress: { name: 'Ada', line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' },
    paymentToken: 'tok_visa',
  });

const load = (url: string, token: string, ids: string[] | undefined, overallRate?: number) =>
  autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    ...(overallRate && { overallRate }),
    requests: [
      {
        method: 'POST',
        path: '/orders',
        setupRequest: (req) => ({
          ...req,
          body: nextBody(),
          headers: {
            ...req.headers,
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'idempotency-key': randomUUID(),
          },
        }),
        onResponse: (status, text) => {
          if (ids && status === 201) ids.push((JSON.parse(text) as { orderId: string }).orderId);
        },
      },
    ],
  });

const terminalCount = async (url: string, token: string, ids: readonly string[], timeoutMs = 120_000) => {
  const open = new Set(ids);
  const deadline = Date.now() + timeoutMs;
  const statuses = new Map<string, number>();
  while (open.size > 0 && Date.now() < deadline) {
    const batch = [...open].slice(0, 2_000);
    for (let i = 0; i < batch.length; i += 50) {
      await Promise.all(
        batch.slice(i, i + 50).map(async (id) => {
          const res = await fetch(`${url}/orders/${id}`, { headers: { authorization: `Bearer ${token}` } });
          const { status } = (await res.json()) as { status?: string };
          if (status === 'CONFIRMED' || status === 'CANCELLED') {
            open.delete(id);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          }
        }),
      );
    }
    if (open.size > 0) await new Promise((r) => setTimeout(r, 200));
  }
  return { terminal: ids.length - open.size, statuses };
};

const dataDir = mkdtempSync(join(tmpdir(), 'orderly-bench-'));
const issuer = await createLocalIssuer({ privateJwk: await localIssuerKey(dataDir) });
const token = await issuer.issueToken({ customerId: 'bench-1', roles: [], expiresIn: '1h' });

const bare = await startChild(['-e', BARE], {});
const bareRun = await load(bare.url, token, undefined);
await stop(bare.child);

const server = await startChild([...SERVER_FLAGS, '--import', 'tsx', 'infrastructure/local/main.ts'], {
  PORT: '0',
  ORDERLY_DATA_DIR: dataDir,
  ORDER_FLOW: 'orchestration',
  LOG_LEVEL: 'WARN',
  ORDERLY_SEED_STOCK: '100000000',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});
const ids: string[] = [];
const saturated = await load(server.url, token, ids);
const fixedRate = Math.max(1, Math.round(bareRun.requests.average * 0.2));
const paced = await load(server.url, token, ids, fixedRate);
// Latency where the server keeps up: half its own saturated throughput.
const halfRate = Math.max(1, Math.round(saturated.requests.average / 2));
const easy = await load(server.url, token, ids, halfRate);
const { terminal, statuses } = await terminalCount(server.url, token, ids);
// The floor under any POST /orders figure: a read through the same gateway, authorizer cache, route handler and
// repository, with no body to validate, no write and no saga behind it.
const readFloor = await autocannon({
  url: server.url,
  connections: CONNECTIONS,
  duration: SECONDS,
  requests: [{ method: 'GET', path: `/orders/${ids[0]}`, headers: { authorization: `Bearer ${token}` } }],
});
const rss = peakRssMb(server.child.pid ?? 0);
await stop(server.child);
rmSync(dataDir, { recursive: true, force: true });

const row = (name: string, r: Result) =>
  `${name.padEnd(34)}${r.requests.average.toFixed(0).padStart(9)}${String(r.latency.p50).padStart(8)}${String(r.latency.p99).padStart(8)}${String(r.non2xx + r.errors).padStart(8)}`;
console.log(`POST /orders, ${CONNECTIONS} connections, ${SECONDS} s per run, load average ${loadavg()[0]?.toFixed(1)}${SERVER_FLAGS.length > 0 ? `, server flags ${SERVER_FLAGS.join(' ')}` : ''}
${'run'.padEnd(34)}${'req/s'.padStart(9)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'errors'.padStart(8)}
${row('bare node:http (fixed 201)', bareRun)}
${row('orderly npm start (saturated)', saturated)}
${row(`orderly at ${fixedRate} req/s (20% of bare)`, paced)}
${row(`orderly at ${halfRate} req/s (50% of its max)`, easy)}
${row('orderly GET /orders/{id} (saturated)', readFloor)}
ratio orderly/bare req/s (saturated): ${((saturated.requests.average / bareRun.requests.average) * 100).toFixed(1)}%
ratio of the read floor, GET /orders/{id}/bare: ${((readFloor.requests.average / bareRun.requests.average) * 100).toFixed(1)}%
orders placed: ${ids.length}, terminal: ${terminal} (${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')})
server peak RSS (VmHWM): ${rss.toFixed(0)} MB`);
