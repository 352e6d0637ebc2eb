// Every function that is not an API route, run from its bundle (a fresh `node`, as Lambda loads it) with events
// shaped as its trigger delivers them (test/fixtures/events/): SQS consumers, EventBridge targets, saga and import
// tasks with the input their state machine's ASL builds, the CSV splitter and the outbox relay. Memory ports where
// the function has them; the two whose adapters are AWS-only talk to a local stub through AWS_ENDPOINT_URL_*.
import { readFileSync } from 'node:fs';
import type { SendMessageBatchRequest } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importIdOf } from '#adapters/lambda/s3/csv-splitter.s3.ts';
import { queues } from '#infra/topology/queues.ts';
import { outboxInsert, streamEvent, streamInsert } from '#test/fixtures/events/dynamodb-stream-events.ts';
import { busEvent } from '#test/fixtures/events/eventbridge-events.ts';
import { consumerFact, orderEnvelope, placedEnvelope } from '#test/fixtures/events/order-envelopes.ts';
import { s3ObjectCreated } from '#test/fixtures/events/s3-events.ts';
import { importChunkState, sagaState, taskInput, taskTemplates } from '#test/fixtures/events/sfn-task-inputs.ts';
import { type SqsRecordSpec, sqsEvent } from '#test/fixtures/events/sqs-events.ts';
import { bundleAll, discoverEntries, freshManifest } from '../../scripts/bundle.ts';
import { fakeCredentials, putEventsAnswer, sendMessageBatchAnswer, startAwsStub } from './aws-stub.ts';
import { API_FUNCTIONS } from './covered-elsewhere.ts';
import { type Invocation, invoke as invokeBundle, type LogLine, memory } from './invoke.ts';

const invoked = new Set<string>();
const invoke: typeof invokeBundle = (name, events, env) => {
  invoked.add(name);
  return invokeBundle(name, events, env);
};

const entries = discoverEntries();
const namesUnder = (dir: string) => entries.filter((e) => e.file.includes(`/lambda/${dir}/`)).map((e) => e.name);
const consumers = namesUnder('consumers');
const fedByQueue = new Set<string>(queues.flatMap((q) => (q.consumer ? [q.consumer.name] : [])));
const sqsConsumers = consumers.filter((n) => fedByQueue.has(n));
const busConsumers = consumers.filter((n) => !fedByQueue.has(n));
const sagaTasks = namesUnder('tasks');

/** The failed records' ids, sorted: the batch processor runs records concurrently, so they come in any order. */
const failures = (r: Invocation | undefined) => r?.ok?.batchItemFailures?.map((f) => f.itemIdentifier).sort();
const portLogs = (logs: readonly LogLine[], port: string) => logs.filter((l) => l.port === port);

beforeAll(async () => {
  if (!freshManifest()) await bundleAll();
}, 120_000);

describe('SQS consumers from their bundles: partial batch responses', () => {
  it.each(sqsConsumers.filter((n) => n !== 'import-chunk-processor'))(
    '%s: the good record is done, the poison ones come back in batchItemFailures',
    async (name) => {
      const good: SqsRecordSpec = { body: JSON.stringify(busEvent(orderEnvelope(consumerFact(name), { seq: 1 }))) };
      const event = sqsEvent([good, { body: '{"detail-type":"OrderPlaced","detail":{}}' }, { body: 'not json' }], name);
      const [goodId, notAnEvent, notJson] = event.Records.map((r) => r.messageId);
      const { results } = await invoke(name, [event], memory);
      expect(failures(results[0])).toEqual([notAnEvent, notJson].sort());
      expect(failures(results[0])).not.toContain(goodId);
    },
  );

  it('import-chunk-processor: the split totals are recorded; a chunk whose workflow is down is retried, poison kept', async () => {
    const split = { type: 'split', importId: 'imp-1', objectKey: 'imports/imp-1.csv', chunks: 1, rows: 1 };
    const { state } = importChunkState('imp-1', [{ row: 1, fields: { sku: 'BOOK-DDD' } }]);
    const { meta: _, ...chunk } = state;
    const attributes = { importId: 'imp-1', correlationId: 'import-imp-1', causationId: 'req-1' };
    const event = sqsEvent(
      [
        { body: JSON.stringify(split), attributes },
        { body: JSON.stringify(chunk), attributes },
        { body: 'not json', attributes },
      ],
      'import-chunks',
    );
    const [splitId, chunkId, poisonId] = event.Records.map((r) => r.messageId);
    const { results, logs } = await invoke('import-chunk-processor', [event], memory);
    expect(failures(results[0])).toEqual([chunkId, poisonId].sort());
    expect(failures(results[0])).not.toContain(splitId);
    // No state machine in memory mode: the chunk fails as retryable, the body that is not JSON as poison.
    const warned = logs.filter((l) => l.level === 'WARN').map((l) => [l.messageId, l.kind, l.message]);
    expect(warned).toEqual(
      expect.arrayContaining([
        [chunkId, 'Unavailable', 'import chunk failed (will be retried)'],
        [poisonId, 'ValidationFailed', 'poison import chunk (kept for the DLQ)'],
      ]),
    );
  });
});

describe('EventBridge consumers from their bundles', () => {
  const malformed = (name: string) => {
    const e = busEvent(orderEnvelope(consumerFact(name), { seq: 9 }));
    return { ...e, detail: { ...e.detail, data: { type: e['detail-type'] } } };
  };

  it.each(busConsumers)('%s: its fact completes, a malformed detail throws ValidationFailed', async (name) => {
    const { results } = await invoke(
      name,
      [busEvent(orderEnvelope(consumerFact(name), { seq: 1 })), malformed(name)],
      memory,
    );
    expect(results[0]).toEqual({}); // returned, nothing thrown
    expect(results[1]?.thrown).toMatch(/^ValidationFailed: \[/);
  });

  it('notify-customer: a confirmation notifies the customer once, however often the bus delivers it', async () => {
    const confirmed = busEvent(orderEnvelope('OrderConfirmed', { seq: 2 }));
    const { results, logs } = await invoke('notify-customer', [confirmed, confirmed], memory);
    expect(results).toEqual([{}, {}]);
    expect(portLogs(logs, 'notifier')).toEqual([
      expect.objectContaining({
        channel: 'customer',
        recipient: 'c-1',
        subject: 'Order o-2 is confirmed',
        dedupeKey: 'evt-2-OrderConfirmed',
        correlation_id: 'corr-2',
      }),
    ]);
  });

  it('fraud-check, record-analytics, start-order-saga: each reaches its port with the event', async () => {
    const placed = busEvent(orderEnvelope('OrderPlaced', { seq: 3 }));
    const [fraud, analytics, saga] = await Promise.all(
      ['fraud-check', 'record-analytics', 'start-order-saga'].map((n) => invoke(n, [placed], memory)),
    );
    expect(portLogs(fraud?.logs ?? [], 'notifier')).toEqual([
      expect.objectContaining({ channel: 'risk', subject: 'Review order o-3: 2500 EUR' }),
    ]);
    expect(portLogs(analytics?.logs ?? [], 'analytics')).toEqual([
      expect.objectContaining({ type: 'OrderPlaced', orderId: 'o-3', amount: 2500 }),
    ]);
    expect(portLogs(saga?.logs ?? [], 'order-flow')).toEqual([
      expect.objectContaining({ started: 'o-3', causationId: 'evt-3-OrderPlaced' }),
    ]);
  });

  it('forward-approval: without a waiting task token there is nothing to complete', async () => {
    const { results, logs } = await invoke(
      'forward-approval',
      [busEvent(orderEnvelope('OrderApproved', { seq: 4 }))],
      memory,
    );
    expect(results).toEqual([{}]);
    expect(portLogs(logs, 'workflow-callbacks')).toEqual([]);
  });
});

describe('saga tasks from their bundles, with the input the order saga ASL builds', () => {
  it('every task function is a Task of a state machine', () => {
    for (const name of [...sagaTasks, 'place-imported-order']) expect(taskTemplates.has(name), name).toBe(true);
  });

  it.each(sagaTasks)('%s: a named error Step Functions can Catch, ValidationFailed on a bad input', async (name) => {
    const input = taskInput(name, sagaState(1, 'OUT_OF_STOCK'), { Task: { Token: 'task-token-1' } });
    const { results, logs } = await invoke(name, [input, { orderId: 'o-1' }], memory);
    // A fresh store per cold start: the saga's order is not there, and the error's name says so.
    expect(results[0]?.thrown).toMatch(/^OrderNotFound: \{"kind":"OrderNotFound","orderId":"o-1"\}/);
    expect(results[1]?.thrown).toMatch(/^ValidationFailed: .*\n.*at meta/);
    expect(logs.find((l) => l.level === 'ERROR')).toMatchObject({ correlation_id: 'corr-1' });
  });
});

const CSV = readFileSync(new URL('../../examples/orders.csv', import.meta.url), 'utf8');
const csvRows = (n: number) =>
  `${CSV.split('\n')
    .slice(0, n + 1)
    .join('\n')}\n`;

describe('import functions from their bundles', () => {
  it('place-imported-order: a CSV row becomes an order (once per row), a row missing columns is RowRejected', async () => {
    const [header = '', line = ''] = CSV.split('\n');
    const fields = Object.fromEntries(header.split(',').map((k, i) => [k, line.split(',')[i] ?? '']));
    const { state, context } = importChunkState('imp-2', [
      { row: 1, fields },
      { row: 2, fields: { sku: 'BOOK-DDD' } },
    ]);
    const { results } = await invoke(
      'place-imported-order',
      [0, 0, 1].map((i) => taskInput('place-imported-order', state, context(i))).concat([{ importId: 'imp-2' }]),
      memory,
    );
    const [placed, again, rejected, bad] = results;
    expect(placed?.ok).toEqual({ row: 1, orderId: expect.any(String) });
    expect(again?.ok).toEqual(placed?.ok);
    expect(rejected?.thrown).toMatch(/^RowRejected: missing columns: customerId/);
    expect(bad?.thrown).toMatch(/^ValidationFailed: /);
  });
});

describe('AWS-only functions from their bundles, against a local stub of the service', () => {
  const awsEnv = (url: string) => ({
    ...fakeCredentials,
    ORDERLY_PORTS: 'aws',
    POWERTOOLS_SERVICE_NAME: 'orderly-bundle-test',
    TABLE_NAME: 'orderly',
    EVENT_BUS_NAME: 'orderly-bus',
    IMPORTS_BUCKET: 'orderly-imports',
    // The SQS client sends to the queue URL's host: the stub is the queue's endpoint.
    IMPORT_CHUNKS_QUEUE_URL: `${url}/123456789012/import-chunks`,
    IMPORT_CHUNK_SIZE: '2',
    AWS_ENDPOINT_URL_EVENTBRIDGE: url,
    AWS_ENDPOINT_URL_S3: url,
    AWS_ENDPOINT_URL_SQS: url,
  });
  const signed = expect.stringContaining('Credential=AKIDBUNDLETEST/');

  it('outbox-relay: the outbox inserts of a stream batch go to PutEvents in order; other items are skipped, a broken envelope is reported', async () => {
    const stub = await startAwsStub((r) => putEventsAnswer(r.body));
    try {
      const [first, second] = [placedEnvelope(1), orderEnvelope('OrderConfirmed', { seq: 1 })];
      const broken = streamInsert({ pk: 'OUTBOX#evt-x', sk: 'OUTBOX', envelope: '{"id":"evt-x"}' }, 5);
      const { results } = await invoke(
        'outbox-relay',
        [
          streamEvent([
            outboxInsert(first, 1),
            streamInsert({ pk: 'ORDER#o-1', sk: 'ORDER' }, 2),
            outboxInsert(second, 3),
          ]),
          streamEvent([broken]),
        ],
        awsEnv(stub.url),
      );
      expect(results).toEqual([
        { ok: { batchItemFailures: [] } },
        { ok: { batchItemFailures: [{ itemIdentifier: broken.dynamodb?.SequenceNumber }] } },
      ]);
      expect(stub.requests.map((r) => [r.method, r.path, r.target, r.authorization])).toEqual([
        ['POST', '/', 'AWSEvents.PutEvents', signed],
      ]);
      const { Entries } = JSON.parse(stub.requests[0]?.body ?? '{}') as { Entries: Record<string, unknown>[] };
      expect(Entries).toEqual(
        [first, second].map((e) => ({
          EventBusName: 'orderly-bus',
          Source: 'orderly.orders',
          DetailType: e.type,
          Time: Date.parse(e.time) / 1000,
          Detail: JSON.stringify({
            metadata: {
              id: e.id,
              version: 1,
              correlationId: e.correlationId,
              causationId: e.causationId,
              occurredAt: e.time,
            },
            data: e.data,
          }),
        })),
      );
    } finally {
      await stub.close();
    }
  });

  it('csv-splitter: reads the uploaded object from S3 and sends its chunks, then the totals, to SQS; a vanished object is skipped', async () => {
    const body = csvRows(3);
    const stub = await startAwsStub((r) => {
      if (r.method === 'GET' && r.path.includes('/orders%202026.csv'))
        return { headers: { 'content-type': 'text/csv', etag: '"e1"' }, body };
      if (r.method === 'GET')
        return {
          status: 404,
          headers: { 'content-type': 'application/xml' },
          body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>',
        };
      return sendMessageBatchAnswer(r.body);
    });
    try {
      const uploaded = s3ObjectCreated({ key: 'imports/orders 2026.csv', body });
      const vanished = s3ObjectCreated({ key: 'imports/gone.csv', body: 'x' });
      const { results, logs } = await invoke('csv-splitter', [uploaded, vanished], awsEnv(stub.url));
      expect(results).toEqual([{}, {}]);
      expect(stub.requests.map((r) => [r.method, r.path, r.target ?? null, r.authorization])).toEqual([
        ['GET', '/orderly-imports/imports/orders%202026.csv?x-id=GetObject', null, signed],
        ['POST', '/', 'AmazonSQS.SendMessageBatch', signed],
        ['POST', '/', 'AmazonSQS.SendMessageBatch', signed],
        ['GET', '/orderly-imports/imports/gone.csv?x-id=GetObject', null, signed],
      ]);
      const importId = importIdOf('imports/orders 2026.csv', uploaded.Records[0]?.s3.object.eTag ?? '');
      const sent = stub.requests
        .filter((r) => r.target === 'AmazonSQS.SendMessageBatch')
        .map((r) => JSON.parse(r.body) as SendMessageBatchRequest);
      expect(sent.map((s) => s.QueueUrl)).toEqual([0, 1].map(() => `${stub.url}/123456789012/import-chunks`));
      const sentEntries = sent.flatMap((s) => s.Entries ?? []);
      const messages = sentEntries.map((e) => JSON.parse(e.MessageBody ?? '') as Record<string, unknown>);
      expect(
        messages.map((m) => [m.type, m.chunk ?? m.chunks, Array.isArray(m.rows) ? m.rows.length : m.rows]),
      ).toEqual([
        ['chunk', 0, 2],
        ['chunk', 1, 1],
        ['split', 2, 3],
      ]);
      expect(messages[2]).toEqual({
        type: 'split',
        importId,
        objectKey: 'imports/orders 2026.csv',
        chunks: 2,
        rows: 3,
      });
      for (const e of sentEntries) {
        expect(e.MessageAttributes).toEqual({
          importId: { DataType: 'String', StringValue: importId },
          correlationId: { DataType: 'String', StringValue: `import-${importId}` },
          causationId: { DataType: 'String', StringValue: uploaded.Records[0]?.responseElements['x-amz-request-id'] },
        });
      }
      expect(logs.map((l) => [l.level, l.message])).toEqual(
        expect.arrayContaining([
          ['INFO', 'import split'],
          ['WARN', 'import object is gone, nothing to import'],
        ]),
      );
    } finally {
      await stub.close();
    }
  });
});

// Last in the file, so it runs after every invocation above.
describe('completeness', () => {
  it('every entry discoverEntries() lists is invoked from its bundle (here, or the API ones in bundles.test.ts)', () => {
    expect(new Set([...invoked, ...API_FUNCTIONS])).toEqual(new Set(entries.map((e) => e.name)));
  });
});
