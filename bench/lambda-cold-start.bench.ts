// `npm run bench -- lambda-cold-start`: per Lambda bundle, its size, its cold init (import + container build +
// first invocation, in a fresh `node`, network stubbed by ORDERLY_PORTS=memory) and its peak RSS, side by side
// with a bare bundle that only constructs the same AWS SDK clients, built here with the same esbuild options.
// Both run in the deployed configuration: the variables Lambda and the CDK stack set, active tracing included.
// Runs are interleaved (function, bare, function, ...) so that machine noise hits both alike; medians of 11.
// Goals: init ≤ 1.15× bare, every bundle < 700 kB, comfortable in 256 MB. It reports; it never asserts.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { createLocalIssuer, generateIssuerKey } from '#adapters/lambda/auth/local-issuer.ts';
import { aPlaceOrderBody } from '#test/adapters/http/http-harness.ts';
import { ADMIN, authorizerEvent, httpEvent } from '#test/fixtures/events/http-events.ts';
import {
  bundleAll,
  discoverEntries,
  freshManifest,
  lambdaBuildOptions,
  MAX_BUNDLE_BYTES,
  OUT_DIR,
  ROOT,
} from '../scripts/bundle.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const RUNNER = join(ROOT, 'test', 'bundles', 'invoke-bundle.mjs');
const BENCH_DIR = join(ROOT, 'dist', 'bench', 'lambda-cold-start');
const run = promisify(execFile);

/** How each SDK client the AWS module may use is built, so the bare bundle constructs exactly the same ones. */
const SDK_CLIENTS: Record<string, { imports: string; construct: string }> = {
  dynamodb: {
    imports:
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
    construct: 'DynamoDBDocumentClient.from(new DynamoDBClient({}))',
  },
  eventbridge: {
    imports: "import { EventBridgeClient } from '@aws-sdk/client-eventbridge';",
    construct: 'new EventBridgeClient({})',
  },
  sfn: { imports: "import { SFNClient } from '@aws-sdk/client-sfn';", construct: 'new SFNClient({})' },
  sqs: { imports: "import { SQSClient } from '@aws-sdk/client-sqs';", construct: 'new SQSClient({})' },
  s3: { imports: "import { S3Client } from '@aws-sdk/client-s3';", construct: 'new S3Client({})' },
};

const clientsIn = (metafile: Metafile, output: string): string[] => {
  const inputs = Object.keys(metafile.outputs[output]?.inputs ?? {});
  const found = new Set(inputs.flatMap((p) => /node_modules\/@aws-sdk\/client-([a-z0-9-]+)\//.exec(p)?.[1] ?? []));
  return [...found].filter((c) => c in SDK_CLIENTS).sort();
};
const constructing = (clients: readonly string[]) =>
  [
    ...clients.map((c) => SDK_CLIENTS[c]?.imports),
    `export const clients = [${clients.map((c) => SDK_CLIENTS[c]?.construct).join(', ')}];`,
  ].join('\n');

const bundleSource = async (name: string, contents: string) => {
  const outfile = join(BENCH_DIR, name, 'index.mjs');
  await build({
    ...lambdaBuildOptions,
    absWorkingDir: ROOT,
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: `${name}.ts` },
    outfile,
    outExtension: {},
  });
  return outfile;
};

/**
 * What a deployed function's process sees (infrastructure/cdk/constructs/lambda-functions.ts and order-stack.ts,
 * plus the variables the Lambda runtime sets): Powertools Tracer is on (AWS_EXECUTION_ENV, active tracing), logs
 * at INFO, source maps enabled. Only ORDERLY_PORTS differs: memory, so that no call leaves the process. Segments go
 * to a daemon address on this machine where nothing listens, as UDP datagrams that nobody reads.
 */
const deployedEnv = (name: string): Record<string, string> => ({
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  AWS_LAMBDA_FUNCTION_NAME: `orderly-${name}`,
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  AWS_LAMBDA_LOG_FORMAT: 'JSON',
  AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/orderly-${name}`,
  AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/27/[$LATEST]0123456789abcdef0123456789abcdef',
  LAMBDA_TASK_ROOT: BENCH_DIR,
  _HANDLER: 'index.handler',
  AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
  _AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1',
  _AWS_XRAY_DAEMON_PORT: '2000',
  // The runner holds this back until the first invocation, as the runtime does.
  _X_AMZN_TRACE_ID: 'Root=1-6746f0c2-3b1f5f0e9a7d4c2b1e0f9a8d;Parent=53995c3f42cd8ad8;Sampled=1',
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: name,
  POWERTOOLS_METRICS_NAMESPACE: 'Orderly',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  ORDER_FLOW: 'orchestration',
  TABLE_NAME: 'orderly-bench',
  EVENT_BUS_NAME: 'orderly-bench',
});

type Sample = { initMs: number; wallMs: number; maxRssKb: number; status: unknown };

const sample = async (bundle: string, events: unknown[], env: Record<string, string>): Promise<Sample> => {
  const started = performance.now();
  const { stdout } = await run(process.execPath, [RUNNER, bundle, JSON.stringify(events)], {
    env: {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIDBENCH',
      AWS_SECRET_ACCESS_KEY: 'bench-secret',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  const marker = stdout.split('\n').find((l) => l.startsWith('@@RESULT '));
  if (!marker) throw new Error(`no result from ${bundle}:\n${stdout}`);
  const r = JSON.parse(marker.slice(9)) as {
    initMs: number;
    maxRssKb: number;
    results: { ok?: Record<string, unknown> }[];
  };
  const first = r.results[0]?.ok;
  return {
    initMs: r.initMs,
    wallMs,
    maxRssKb: r.maxRssKb,
    status: first?.statusCode ?? first?.isAuthorized ?? r.results[0],
  };
};

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const main = async () => {
  mkdirSync(BENCH_DIR, { recursive: true });
  const entries = discoverEntries();
  if (!freshManifest(entries)) await bundleAll({ entries });
  const metafile = JSON.parse(readFileSync(join(OUT_DIR, 'meta.json'), 'utf8')) as Metafile;

  const issuer = await createLocalIssuer({ privateJwk: await generateIssuerKey() });
  const token = await issuer.issueToken({ customerId: 'cust-bench', roles: ['admin'] });
  const firstEvent: Record<string, unknown> = {
    'http-place-order': httpEvent({ route: 'POST /orders', body: aPlaceOrderBody() }),
    'http-get-order': httpEvent({ route: 'GET /orders/{id}', pathParameters: { id: 'o-1' } }),
    'http-list-orders': httpEvent({ route: 'GET /orders' }),
    'http-update-order': httpEvent({
      route: 'PUT /orders/{id}',
      pathParameters: { id: 'o-1' },
      body: { shippingAddress: aPlaceOrderBody().shippingAddress },
    }),
    'http-cancel-order': httpEvent({ route: 'POST /orders/{id}/cancel', pathParameters: { id: 'o-1' } }),
    'http-decide-approval': httpEvent({
      route: 'POST /orders/{id}/approval',
      pathParameters: { id: 'o-1' },
      body: { decision: 'approve' },
      caller: ADMIN,
    }),
    'http-list-products': httpEvent({ route: 'GET /products' }),
    authorizer: authorizerEvent(`Bearer ${token}`),
  };
  const env = {
    ORDERLY_PORTS: 'memory',
    JWT_ISSUER: issuer.issuer,
    JWT_AUDIENCE: issuer.audience,
    JWKS: JSON.stringify(issuer.jwks),
  };

  // Per function (the HTTP routes and the authorizer; the other bundles are listed by size only): its entry plus
  // the construction of the SDK clients its bundle holds, so both sides build the same clients; the ports stay
  // in memory, so nothing touches the network.
  type Variant = { name: string; clients: string[]; bundle: string; bare: string; bytes: number; event: unknown };
  const variants: Variant[] = [];
  const bares = new Map<string, string>();
  for (const { name, file } of entries.filter((e) => e.name in firstEvent)) {
    const output = `dist/lambda/${name}/index.mjs`;
    const clients = clientsIn(metafile, output);
    const key = clients.join('+') || 'none';
    if (!bares.has(key)) {
      const bareSource = `${constructing(clients)}\nexport const handler = async () => ({ statusCode: 200, body: '{}' });`;
      bares.set(key, await bundleSource(`bare-${key}`, bareSource));
    }
    const bundle = await bundleSource(
      name,
      `${constructing(clients)}\nexport { handler } from ${JSON.stringify(file)};`,
    );
    const bytes = statSync(join(ROOT, output)).size;
    variants.push({ name, clients, bundle, bare: bares.get(key) ?? '', bytes, event: firstEvent[name] });
  }

  const fn = new Map<string, Sample[]>(variants.map((v) => [v.name, []]));
  const bare = new Map<string, Sample[]>([...bares.keys()].map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const v of variants) {
      const vEnv = { ...deployedEnv(v.name), ...env };
      fn.get(v.name)?.push(await sample(v.bundle, v.event === undefined ? [] : [v.event], vEnv));
      const key = v.clients.join('+') || 'none';
      bare.get(key)?.push(await sample(v.bare, [{}], vEnv));
    }
  }

  // Where a function's init goes: each library alone, bundled the same way, measured the same way.
  const parts: Record<string, string> = {
    'domain + use-case schemas (zod)': `import { eventCatalog } from ${JSON.stringify(join(ROOT, 'domain/events.ts'))};
      import { createPlaceOrder } from ${JSON.stringify(join(ROOT, 'application/use-cases/place-order.ts'))};
      export const x = [eventCatalog, createPlaceOrder];`,
    'Powertools Tracer (X-Ray SDK)': `import { Tracer } from '@aws-lambda-powertools/tracer'; export const t = new Tracer({ serviceName: 'x' });`,
    'Powertools Logger + Metrics': `import { Logger } from '@aws-lambda-powertools/logger'; import { Metrics } from '@aws-lambda-powertools/metrics';
      export const l = [new Logger({ serviceName: 'x' }), new Metrics({ namespace: 'x', serviceName: 'x' })];`,
    'inversify + reflect-metadata': `import 'reflect-metadata'; import { Container } from 'inversify'; export const c = new Container();`,
    jose: `import { jwtVerify, createLocalJWKSet } from 'jose'; export const j = [jwtVerify, createLocalJWKSet];`,
    'nothing (empty handler)': '',
  };
  const partBundles = new Map<string, string>();
  let p = 0;
  for (const [label, contents] of Object.entries(parts)) {
    partBundles.set(label, await bundleSource(`part-${++p}`, `${contents}\nexport const handler = async () => ({});`));
  }
  const partSamples = new Map<string, Sample[]>([...partBundles.keys()].map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const [label, bundle] of partBundles) {
      partSamples.get(label)?.push(await sample(bundle, [{}], { ...deployedEnv('part'), ...env }));
    }
  }

  const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
  const nameWidth = Math.max(8, ...variants.map((v) => v.name.length));
  const header = `${'function'.padEnd(nameWidth)} ${'sdk clients'.padEnd(13)} ${'bundle'.padStart(9)} ${'init'.padStart(9)} ${'bare'.padStart(9)} ${'ratio'.padStart(6)} ${'wall'.padStart(9)} ${'bare wall'.padStart(9)} ${'peak RSS'.padStart(9)}  first answer`;
  console.log(`Lambda cold start: median of ${RUNS} fresh node processes each, interleaved (node ${process.version})`);
  console.log(header);
  for (const v of variants) {
    const key = v.clients.join('+') || 'none';
    const f = fn.get(v.name) ?? [];
    const b = bare.get(key) ?? [];
    const init = median(f.map((s) => s.initMs));
    const bareInit = median(b.map((s) => s.initMs));
    const rss = Math.max(...f.map((s) => s.maxRssKb)) / 1024;
    console.log(
      `${v.name.padEnd(nameWidth)} ${key.padEnd(13)} ${`${(v.bytes / 1000).toFixed(1)} kB`.padStart(9)} ${ms(init)} ${ms(bareInit)} ${`${(init / bareInit).toFixed(2)}×`.padStart(6)} ${ms(median(f.map((s) => s.wallMs)))} ${ms(median(b.map((s) => s.wallMs)))} ${`${rss.toFixed(0)} MB`.padStart(9)}  ${String(f[0]?.status)}`,
    );
  }
  for (const [key, samples] of bare) {
    const rss = Math.max(...samples.map((s) => s.maxRssKb)) / 1024;
    console.log(
      `bare[${key}] bundle ${(statSync(bares.get(key) ?? '').size / 1000).toFixed(1)} kB, init ${median(samples.map((s) => s.initMs)).toFixed(1)} ms, peak RSS ${rss.toFixed(0)} MB`,
    );
  }
  const others = entries
    .filter((e) => !(e.name in firstEvent))
    .map((e) => `${e.name} ${(statSync(join(OUT_DIR, e.name, 'index.mjs')).size / 1000).toFixed(0)} kB`);
  console.log(`\nOther bundles (size only): ${others.join(', ')}`);
  console.log('\nWhere init goes: each piece alone in a bundle of its own (same options, same measurement)');
  for (const [label, samples] of partSamples) {
    const bytes = statSync(partBundles.get(label) ?? '').size;
    console.log(
      `  ${label.padEnd(34)} ${`${(bytes / 1000).toFixed(1)} kB`.padStart(9)} ${ms(median(samples.map((s) => s.initMs)))}`,
    );
  }
  console.log(
    `init = import + container build + first invocation, inside the process; wall = the whole \`node\` process. Goals: ratio ≤ 1.15×, bundle < ${MAX_BUNDLE_BYTES / 1000} kB, peak RSS well under 256 MB.`,
  );
};

await main();
