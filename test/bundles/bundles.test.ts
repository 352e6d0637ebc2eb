import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalIssuer, generateIssuerKey } from '#adapters/lambda/auth/local-issuer.ts';
import { aPlaceOrderBody } from '#test/adapters/http/http-harness.ts';
import { ADMIN, authorizerEvent, httpEvent } from '#test/fixtures/events/http-events.ts';
import {
  bundleAll,
  discoverEntries,
  freshManifest,
  lambdaBuildOptions,
  MAX_BUNDLE_BYTES,
  type Manifest,
  ROOT,
} from '../../scripts/bundle.ts';
import { API_FUNCTIONS } from './covered-elsewhere.ts';
import { bundleEnv, EVENTS_DIR, type Invocation, invoke, memory, RUNNER, run } from './invoke.ts';

const statuses = (results: Invocation[]) => results.map((r) => r.ok?.statusCode ?? r.thrown);

let manifest: Manifest;
beforeAll(async () => {
  manifest = freshManifest() ?? (await bundleAll());
}, 120_000);

describe('the Lambda bundles', () => {
  it('exist for every entry, each under the size budget', () => {
    expect(manifest.bundles.map((b) => b.name)).toEqual(discoverEntries().map((e) => e.name));
    for (const name of API_FUNCTIONS) {
      expect(manifest.bundles.map((b) => b.name)).toContain(name);
    }
    for (const b of manifest.bundles) expect(b.bytes, b.name).toBeLessThan(MAX_BUNDLE_BYTES);
  });

  it('place-order: 201, then the same Idempotency-Key replays the order, and a bad body is a 400', async () => {
    const post = (body: unknown) =>
      httpEvent({ route: 'POST /orders', body, headers: { 'idempotency-key': 'k-1', 'x-correlation-id': 'bundle-1' } });
    const { results, logs } = await invoke(
      'http-place-order',
      [post(aPlaceOrderBody()), post(aPlaceOrderBody()), post({ lines: [] })],
      memory,
    );
    expect(statuses(results)).toEqual([201, 201, 400]);
    const [first, replay] = results.map((r) => JSON.parse(r.ok?.body ?? '{}') as { orderId: string });
    expect(replay?.orderId).toBe(first?.orderId);
    expect(results[0]?.ok?.headers?.['x-correlation-id']).toBe('bundle-1');
    expect(logs[0]).toMatchObject({
      service: 'orderly-bundle-test',
      correlation_id: 'bundle-1',
      route: 'POST /orders',
      status: 201,
    });
  });

  it.each([
    {
      name: 'http-get-order',
      event: httpEvent({ route: 'GET /orders/{id}', pathParameters: { id: 'o-unknown' } }),
      status: 404,
    },
    { name: 'http-list-orders', event: httpEvent({ route: 'GET /orders', query: { limit: '5' } }), status: 200 },
    {
      name: 'http-update-order',
      event: httpEvent({
        route: 'PUT /orders/{id}',
        pathParameters: { id: 'o-unknown' },
        body: { shippingAddress: aPlaceOrderBody().shippingAddress },
      }),
      status: 404,
    },
    {
      name: 'http-cancel-order',
      event: httpEvent({ route: 'POST /orders/{id}/cancel', pathParameters: { id: 'o-unknown' } }),
      status: 404,
    },
    {
      name: 'http-decide-approval',
      event: httpEvent({
        route: 'POST /orders/{id}/approval',
        pathParameters: { id: 'o-1' },
        body: { decision: 'approve' },
      }),
      status: 403,
    },
    {
      name: 'http-decide-approval',
      event: httpEvent({
        route: 'POST /orders/{id}/approval',
        pathParameters: { id: 'o-1' },
        body: { decision: 'approve' },
        caller: ADMIN,
      }),
      status: 404,
    },
    { name: 'http-list-products', event: httpEvent({ route: 'GET /products', caller: 'anonymous' }), status: 200 },
  ])('$name answers $status', async ({ name, event, status }) => {
    const { results } = await invoke(name, [event], memory);
    expect(statuses(results)).toEqual([status]);
    expect(results[0]?.ok?.headers?.['content-type']).toBe('application/json; charset=utf-8');
  });

  it('authorizer: a token from the local issuer passes, a junk one does not', async () => {
    const issuer = await createLocalIssuer({ privateJwk: await generateIssuerKey() });
    const token = await issuer.issueToken({ customerId: 'cust-9', roles: ['admin'] });
    const { results } = await invoke(
      'authorizer',
      [authorizerEvent(`Bearer ${token}`), authorizerEvent('Bearer x.y.z')],
      {
        JWT_ISSUER: issuer.issuer,
        JWT_AUDIENCE: issuer.audience,
        JWKS: JSON.stringify(issuer.jwks),
      },
    );
    expect(results.map((r) => r.ok)).toEqual([
      { isAuthorized: true, context: { customerId: 'cust-9', roles: 'admin' } },
      { isAuthorized: false },
    ]);
  });

  it('fails at cold start with every missing setting named when the deployment config is wrong', async () => {
    const failure = await invoke('http-get-order', [], { ORDERLY_PORTS: 'aws', APPROVAL_THRESHOLD: 'lots' }).catch(
      (e: { stderr: string }) => e,
    );
    expect(failure).toHaveProperty('stderr');
    const { stderr } = failure as { stderr: string };
    expect(stderr).toContain('Invalid environment configuration');
    for (const name of ['TABLE_NAME', 'EVENT_BUS_NAME', 'APPROVAL_THRESHOLD']) expect(stderr).toContain(name);
  });

  it('as deployed (source maps on), a stack trace still names our TypeScript file: the trimmed map keeps our code', async () => {
    const failure = await invoke('http-get-order', [], {
      ORDERLY_PORTS: 'aws',
      NODE_OPTIONS: '--enable-source-maps',
    }).catch((e: { stderr: string }) => e);
    const { stderr } = failure as { stderr: string };
    expect(stderr).toMatch(/at parseEnv \(\S*infrastructure\/config\/env\.ts:\d+:\d+\)/);
    expect(stderr).toMatch(/infrastructure\/lambda\/runtime\.ts:\d+:\d+/);
  });

  it('zod runs jitless in every bundle: a first POST /orders compiles no parser with new Function', async () => {
    // A preload counts every Function construction in the function's process (zod's JIT is the only user).
    const counter = join(EVENTS_DIR, 'count-function.mjs');
    writeFileSync(
      counter,
      `let n = 0; const F = globalThis.Function;
globalThis.Function = new Proxy(F, { construct: (t, a) => (n++, Reflect.construct(t, a)), apply: (t, s, a) => (n++, Reflect.apply(t, s, a)) });
process.on('exit', () => process.stdout.write('\\n@@EVALS ' + n + '\\n'));`,
    );
    const env = { ...memory, NODE_OPTIONS: `--import ${counter}` };
    const { stdout } = await run(
      process.execPath,
      [
        RUNNER,
        join(ROOT, 'dist/lambda/http-place-order/index.mjs'),
        JSON.stringify([httpEvent({ route: 'POST /orders', body: aPlaceOrderBody() })]),
      ],
      { env: bundleEnv(env) },
    );
    expect(stdout).toContain('"statusCode":201');
    expect(stdout).toContain('@@EVALS 0');
  });

  it('call AWS from a bundle: the bundled SDK signs its first request with the environment credentials', async () => {
    // Same esbuild options as every function; the first request is where the trimmed credential chain has to
    // find the role's keys. (The createRequire banner is proven by every function bundle above: without it the
    // CommonJS X-Ray SDK fails at import with `Dynamic require of "util" is not supported`.)
    const outfile = join(ROOT, 'dist', 'test-bundles', 'sdk-smoke', 'index.mjs');
    await build({
      ...lambdaBuildOptions,
      absWorkingDir: ROOT,
      stdin: {
        resolveDir: ROOT,
        loader: 'ts',
        contents: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
          import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
          const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
          export const handler = async () => (await doc.send(new GetCommand({ TableName: 'orders', Key: { pk: 'ORDER#1' } }))).Item;`,
      },
      outfile,
      outExtension: {},
    });
    const seen: { target?: string; authorization?: string }[] = [];
    const stub = createServer((req, res) => {
      seen.push({ target: String(req.headers['x-amz-target']), authorization: String(req.headers.authorization) });
      req.resume().on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ Item: { pk: { S: 'ORDER#1' }, status: { S: 'PENDING' } } }));
      });
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = stub.address() as AddressInfo;
      const { stdout } = await run(process.execPath, [RUNNER, outfile, '[{}]'], {
        env: {
          PATH: process.env.PATH ?? '',
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'AKIDBUNDLETEST',
          AWS_SECRET_ACCESS_KEY: 'secret',
          AWS_SESSION_TOKEN: 'session',
          AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${port}`,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      });
      const result = JSON.parse(stdout.split('@@RESULT ')[1] ?? '{}') as { results: Invocation[] };
      expect(result.results).toEqual([{ ok: { pk: 'ORDER#1', status: 'PENDING' } }]);
      expect(seen).toEqual([
        { target: 'DynamoDB_20120810.GetItem', authorization: expect.stringContaining('Credential=AKIDBUNDLETEST/') },
      ]);
    } finally {
      stub.close();
    }
  });
});
