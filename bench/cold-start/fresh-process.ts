// How the cold-start bench builds and runs a bundle: same esbuild options as `npm run bundle`, a fresh `node` per
// sample through the bundle tests' runner, and the environment a deployed function's process sees.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { lambdaBuildOptions, ROOT, trimLinkedSourceMap } from '../../scripts/bundle.ts';

const RUNNER = join(ROOT, 'test', 'bundles', 'invoke-bundle.mjs');
export const BENCH_DIR = join(ROOT, 'dist', 'bench', 'lambda-cold-start');
const run = promisify(execFile);

/** How each SDK client the AWS module may use is built, so a bare bundle constructs exactly the same ones. */
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

/** The SDK clients a built bundle holds (from `npm run bundle`'s metafile). */
export const clientsIn = (metafile: Metafile, output: string): string[] => {
  const inputs = Object.keys(metafile.outputs[output]?.inputs ?? {});
  const found = new Set(inputs.flatMap((p) => /node_modules\/@aws-sdk\/client-([a-z0-9-]+)\//.exec(p)?.[1] ?? []));
  return [...found].filter((c) => c in SDK_CLIENTS).sort();
};

/** Source that constructs those clients at module scope, as `clients`. */
export const constructing = (clients: readonly string[]) =>
  [
    ...clients.map((c) => SDK_CLIENTS[c]?.imports),
    `export const clients = [${clients.map((c) => SDK_CLIENTS[c]?.construct).join(', ')}];`,
  ].join('\n');

/** Bundles `contents` exactly as the Lambda bundles are built (minified ESM, same plugins, the same trimmed source map). */
export const bundleSource = async (name: string, contents: string): Promise<string> => {
  const outfile = join(BENCH_DIR, name, 'index.mjs');
  await build({
    ...lambdaBuildOptions,
    absWorkingDir: ROOT,
    stdin: { contents, resolveDir: ROOT, loader: 'ts', sourcefile: `${name}.ts` },
    outfile,
    outExtension: {},
  });
  trimLinkedSourceMap(outfile);
  return outfile;
};

/**
 * What a deployed function's process sees (infrastructure/cdk/constructs/lambda-functions.ts and order-stack.ts,
 * plus the variables the Lambda runtime sets): Powertools Tracer is on (AWS_EXECUTION_ENV, active tracing), logs
 * at INFO, source maps enabled. Only ORDERLY_PORTS differs: memory, so that no call leaves the process. Segments go
 * to a daemon address on this machine where nothing listens, as UDP datagrams that nobody reads.
 */
export const deployedEnv = (name: string): Record<string, string> => ({
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

/** init: import + container build + first invocation, wall clock and the CPU the process spent in it. */
export type Sample = { initMs: number; initCpuMs: number; maxRssKb: number; status: string };

export const sample = async (bundle: string, events: unknown[], env: Record<string, string>): Promise<Sample> => {
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
  const marker = stdout.split('\n').find((l) => l.startsWith('@@RESULT '));
  if (!marker) throw new Error(`no result from ${bundle}:\n${stdout}`);
  const r = JSON.parse(marker.slice(9)) as {
    initMs: number;
    initCpuMs: number;
    maxRssKb: number;
    results: { ok?: Record<string, unknown>; thrown?: string }[];
  };
  return { initMs: r.initMs, initCpuMs: r.initCpuMs, maxRssKb: r.maxRssKb, status: answerOf(r.results[0]) };
};

/** The first answer in a few words: an HTTP status, the authorizer's verdict, a batch's failures, an error's name. */
const answerOf = (result: { ok?: Record<string, unknown>; thrown?: string } | undefined): string => {
  if (!result) return 'no answer';
  if (result.thrown !== undefined) return `threw ${result.thrown.split(':')[0]}`;
  const ok = result.ok;
  if (ok?.statusCode !== undefined) return String(ok.statusCode);
  if (ok?.isAuthorized !== undefined) return `authorized ${String(ok.isAuthorized)}`;
  if (Array.isArray(ok?.batchItemFailures)) return `${ok.batchItemFailures.length} failed records`;
  return ok === undefined ? 'done' : `returned {${Object.keys(ok).join(', ')}}`;
};

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
