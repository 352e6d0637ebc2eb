// Tracing from a built bundle, as deployed: the function runs in a fresh `node` with the variables Lambda sets under
// active tracing, its DynamoDB port on the AWS adapter (a local HTTP stub answers), and the X-Ray daemon address on
// a UDP socket this test reads. Guards the bundle-time stand-ins for the X-Ray SDK's unreachable parts
// (scripts/bundle.ts, xrayUnreachableStubs): what they leave must still trace every invocation and SDK call.
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpEvent } from '#test/fixtures/events/http-events.ts';
import { bundleAll, freshManifest, ROOT } from '../../scripts/bundle.ts';

const run = promisify(execFile);
const RUNNER = join(import.meta.dirname, 'invoke-bundle.mjs');
const BUNDLE = join(ROOT, 'dist/lambda/http-get-order/index.mjs');
const ROOT_ID = '1-6746f0c2-3b1f5f0e9a7d4c2b1e0f9a8d';
const PARENT_ID = '53995c3f42cd8ad8';

type Segment = {
  name: string;
  id: string;
  trace_id: string;
  parent_id: string;
  type?: string;
  namespace?: string;
  annotations?: Record<string, unknown>;
  aws?: Record<string, unknown>;
  http?: { response?: { status?: number } };
  subsegments?: Segment[];
};

/** One datagram is a JSON header line, then the (sub)segment document (the daemon's protocol). */
const parseDatagram = (msg: Buffer): Segment => {
  const [header, body] = msg.toString('utf8').split('\n');
  expect(JSON.parse(header ?? '')).toEqual({ format: 'json', version: 1 });
  return JSON.parse(body ?? '') as Segment;
};

/** Runs the bundle's handler once with DynamoDB on a stub and the daemon on a UDP socket; returns what arrived. */
const invokeTraced = async (event: unknown) => {
  const daemon = createSocket('udp4');
  const segments: Segment[] = [];
  daemon.on('message', (msg) => segments.push(parseDatagram(msg)));
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  const targets: string[] = [];
  const dynamo = createServer((req, res) => {
    targets.push(String(req.headers['x-amz-target']));
    req.resume().on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end('{}'); // GetItem without an Item: the order does not exist
    });
  });
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  try {
    const udp = daemon.address().port;
    const { stdout } = await run(process.execPath, [RUNNER, BUNDLE, JSON.stringify([event])], {
      env: {
        PATH: process.env.PATH ?? '',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'AKIDTRACING',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`,
        // What Lambda sets with active tracing (the runner holds the trace header back until the invocation).
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
        AWS_LAMBDA_FUNCTION_NAME: 'orderly-http-get-order',
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        LAMBDA_TASK_ROOT: join(ROOT, 'dist/lambda/http-get-order'),
        _HANDLER: 'index.handler',
        AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
        AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${udp}`,
        _X_AMZN_TRACE_ID: `Root=${ROOT_ID};Parent=${PARENT_ID};Sampled=1`,
        POWERTOOLS_SERVICE_NAME: 'orderly-tracing-test',
        ORDERLY_PORTS: 'aws',
        TABLE_NAME: 'orderly-tracing',
        EVENT_BUS_NAME: 'orderly-tracing',
      },
    });
    const result = JSON.parse(stdout.split('@@RESULT ')[1] ?? '{}') as { results: { ok?: { statusCode?: number } }[] };
    // Datagrams on loopback are delivered by the time the child has exited; one tick for the 'message' events.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { status: result.results[0]?.ok?.statusCode, segments, targets };
  } finally {
    daemon.close();
    dynamo.close();
  }
};

beforeAll(async () => {
  if (!freshManifest()) await bundleAll();
}, 120_000);

describe('a Lambda bundle under active tracing', () => {
  it('sends the invocation subsegment and a traced DynamoDB call under it, in the trace the runtime gave', async () => {
    const { status, segments, targets } = await invokeTraced(
      httpEvent({ route: 'GET /orders/{id}', pathParameters: { id: 'o-traced' } }),
    );
    expect(status).toBe(404);
    expect(targets).toEqual(['DynamoDB_20120810.GetItem']);
    const handler = segments.find((s) => s.name === '## get-order');
    expect(handler).toMatchObject({
      type: 'subsegment',
      trace_id: ROOT_ID,
      parent_id: PARENT_ID,
      annotations: { ColdStart: true, Service: 'orderly-tracing-test' },
    });
    // Lambda streams each closed subsegment on its own datagram; the SDK call's hangs under the handler's.
    const dynamo = segments.find((s) => s.name === 'DynamoDB');
    expect(dynamo).toMatchObject({
      type: 'subsegment',
      namespace: 'aws',
      trace_id: ROOT_ID,
      parent_id: handler?.id,
      aws: { operation: 'GetItem', table_name: 'orderly-tracing', region: 'eu-west-1' },
      http: { response: { status: 200 } },
    });
  });

  it('leaves out the X-Ray SDK parts no Lambda reaches: SDK v2 patcher, centralized sampling, host plugins', () => {
    const code = readFileSync(BUNDLE, 'utf8');
    for (const gone of [
      'GetSamplingRules',
      'SamplingTargetDocuments',
      'instance-identity/document',
      'elasticbeanstalk',
    ]) {
      expect(code).not.toContain(gone);
    }
    expect(code).toContain('not bundled: X-Ray centralized sampling');
  });
});
