// The first event each function gets in the cold-start bench, from the same real-shaped builders the bundle tests
// use (test/fixtures/events/), and the environment it runs in: memory ports where the function has them; the two
// whose adapters are AWS-only (outbox relay → PutEvents, CSV splitter → S3 and SQS) run with ORDERLY_PORTS=aws
// against a stub on this machine that answers at once, so their first invocation includes the SDK's first request.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalIssuer, generateIssuerKey } from '#adapters/lambda/auth/local-issuer.ts';
import { queues } from '#infra/topology/queues.ts';
import { aPlaceOrderBody } from '#test/adapters/http/http-harness.ts';
import { fakeCredentials, putEventsAnswer, sendMessageBatchAnswer, startAwsStub } from '#test/bundles/aws-stub.ts';
import { outboxInsert, streamEvent } from '#test/fixtures/events/dynamodb-stream-events.ts';
import { busEvent } from '#test/fixtures/events/eventbridge-events.ts';
import { ADMIN, authorizerEvent, httpEvent } from '#test/fixtures/events/http-events.ts';
import { consumerFact, orderEnvelope } from '#test/fixtures/events/order-envelopes.ts';
import { s3ObjectCreated } from '#test/fixtures/events/s3-events.ts';
import { importChunkState, sagaState, taskInput } from '#test/fixtures/events/sfn-task-inputs.ts';
import { sqsEvent } from '#test/fixtures/events/sqs-events.ts';
import { type Entry, ROOT } from '../../scripts/bundle.ts';

export type FirstEvent = Readonly<{ event: unknown; env: Record<string, string> }>;

const CSV = readFileSync(join(ROOT, 'examples', 'orders.csv'), 'utf8');
/** One stub for S3 (GetObject answers the CSV), SQS (SendMessageBatch) and EventBridge (PutEvents). */
const startStub = () =>
  startAwsStub((r) => {
    if (r.method === 'GET') return { headers: { 'content-type': 'text/csv', etag: '"e1"' }, body: CSV };
    return r.target === 'AmazonSQS.SendMessageBatch' ? sendMessageBatchAnswer(r.body) : putEventsAnswer(r.body);
  });

/** Every function's first event and environment, keyed by bundle name; `close` stops the stub. */
export const firstEvents = async (entries: readonly Entry[]) => {
  const issuer = await createLocalIssuer({ privateJwk: await generateIssuerKey() });
  const token = await issuer.issueToken({ customerId: 'cust-bench', roles: ['admin'] });
  const stub = await startStub();
  const memory = {
    ORDERLY_PORTS: 'memory',
    JWT_ISSUER: issuer.issuer,
    JWT_AUDIENCE: issuer.audience,
    JWKS: JSON.stringify(issuer.jwks),
  };
  const aws = {
    ...fakeCredentials,
    ORDERLY_PORTS: 'aws',
    IMPORTS_BUCKET: 'orderly-imports',
    IMPORT_CHUNKS_QUEUE_URL: `${stub.url}/123456789012/import-chunks`,
    AWS_ENDPOINT_URL_EVENTBRIDGE: stub.url,
    AWS_ENDPOINT_URL_S3: stub.url,
    AWS_ENDPOINT_URL_SQS: stub.url,
  };
  const fedByQueue = new Set<string>(queues.flatMap((q) => (q.consumer ? [q.consumer.name] : [])));
  const [header = '', line = ''] = CSV.split('\n');
  const fields = Object.fromEntries(header.split(',').map((k, i) => [k, line.split(',')[i] ?? '']));
  const chunk = importChunkState('imp-bench', [{ row: 1, fields }]);
  const { meta: _, ...chunkMessage } = chunk.state;

  const http: Record<string, unknown> = {
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
  const special: Record<string, FirstEvent> = {
    'import-chunk-processor': {
      event: sqsEvent([{ body: JSON.stringify(chunkMessage), attributes: { importId: 'imp-bench' } }], 'import-chunks'),
      env: memory,
    },
    'place-imported-order': { event: taskInput('place-imported-order', chunk.state, chunk.context(0)), env: memory },
    'csv-splitter': { event: s3ObjectCreated({ key: 'imports/orders.csv', body: CSV }), env: aws },
    'outbox-relay': { event: streamEvent([outboxInsert(orderEnvelope('OrderPlaced', { seq: 1 }), 1)]), env: aws },
  };

  const of = ({ name, file }: Entry): FirstEvent => {
    if (name in http) return { event: http[name], env: memory };
    const given = special[name];
    if (given) return given;
    if (file.includes('/consumers/')) {
      const e = busEvent(orderEnvelope(consumerFact(name), { seq: 1 }));
      return { event: fedByQueue.has(name) ? sqsEvent([JSON.stringify(e)], name) : e, env: memory };
    }
    if (file.includes('/tasks/')) {
      return { event: taskInput(name, sagaState(1, 'OUT_OF_STOCK'), { Task: { Token: 'bench-token' } }), env: memory };
    }
    throw new Error(`no first event for ${name}: add one in bench/cold-start/first-events.ts`);
  };
  return { events: new Map(entries.map((e) => [e.name, of(e)])), close: stub.close };
};
