import { createHash } from 'node:crypto';
import type { S3Event } from 'aws-lambda';
import { createCsvParseRows } from '#adapters/csv/csv-rows.csv-parse.ts';
import { csvSplitterS3, importIdOf, type SplitterLog } from '#adapters/lambda/s3/csv-splitter.s3.ts';
import { placeImportedOrderTask } from '#adapters/lambda/sfn/place-imported-order.task.ts';
import { importChunksSqs } from '#adapters/lambda/sqs/import-chunks.sqs.ts';
import type { Scheduler } from '#adapters/memory/engines/scheduler.ts';
import { createMemoryImportRepository } from '#adapters/memory/import-repository.memory.ts';
import { createMemoryMessageQueue } from '#adapters/memory/message-queue.memory.ts';
import { createMemoryObjectStore } from '#adapters/memory/object-store.memory.ts';
import type { TaskHandler } from '#adapters/stepfunctions/asl/state-machines.ts';
import { createInterpretedChunkWorkflow } from '#adapters/stepfunctions/chunk-workflow.interpreted.ts';
import { createFinalizeImport } from '#app/imports/finalize-import.ts';
import { createPlaceImportedOrder, type PlaceImportedOrder } from '#app/imports/place-imported-order.ts';
import { createProcessChunk } from '#app/imports/process-chunk.ts';
import { createSplitImport } from '#app/imports/split-import.ts';
import type { ChunkWorkflow } from '#app/ports/chunk-workflow.ts';
import type { ImportRepository } from '#app/ports/import-repository.ts';
import type { ObjectStore } from '#app/ports/object-store.ts';
import { type ImportSummary, summaryKeyOf } from '#domain/imports/import.ts';
import { TOKENS } from '../container/tokens.ts';
import { functionNameOf, placeholdersOf, readDefinition, substitute } from '../workflows/definitions.ts';
import type { LocalSystem } from './system.ts';

const localArn = (name: string) => `arn:aws:lambda:local:000000000000:function:orderly-${name}`;
export const LOCAL_IMPORTS_BUCKET = 'orderly-local-imports';

/** The import-chunk ASL as deployed, its `${PlaceImportedOrderArn}` bound to the task adapter (same naming rule). */
export const localImportChunkWorkflow = (placeImportedOrder: PlaceImportedOrder) => {
  const text = readDefinition('import-chunk');
  const tasks: Readonly<Record<string, (input: unknown) => Promise<unknown>>> = {
    'place-imported-order': placeImportedOrderTask(placeImportedOrder),
  };
  const bindings: Record<string, string> = {};
  const taskHandlers: Record<string, TaskHandler> = {};
  for (const placeholder of placeholdersOf(text)) {
    const name = functionNameOf(placeholder);
    const task = tasks[name];
    if (!task) throw new Error(`no import-chunk task function for ${placeholder}`); // a placeholder without code is a bug
    bindings[placeholder] = localArn(name);
    taskHandlers[localArn(name)] = (input) => task(input);
  }
  return { definition: substitute(text, bindings), taskHandlers };
};

/** What S3 would send for a new object (keys URL-encoded, spaces as `+`; the ETag of a single PUT is its MD5). */
export const objectCreatedEvent = (key: string, body: string | Uint8Array, at: Date): S3Event => {
  const eTag = createHash('md5').update(body).digest('hex');
  const encoded = encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'us-east-1',
        eventTime: at.toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': `req-${eTag.slice(0, 16)}`, 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'imports',
          bucket: {
            name: LOCAL_IMPORTS_BUCKET,
            ownerIdentity: { principalId: 'local' },
            arn: `arn:aws:s3:::${LOCAL_IMPORTS_BUCKET}`,
          },
          object: {
            key: encoded,
            size: typeof body === 'string' ? Buffer.byteLength(body) : body.length,
            eTag,
            sequencer: eTag.slice(0, 16).toUpperCase(),
          },
        },
      },
    ],
  };
};

export type AttachImportsOptions = Readonly<{
  scheduler: Scheduler;
  objects?: ObjectStore;
  chunkSize?: number;
  log?: SplitterLog;
  /** Fault injection for tests: wrap the import repository and the chunk workflow. */
  faults?: Readonly<{
    imports?: (r: ImportRepository) => ImportRepository;
    workflow?: (w: ChunkWorkflow) => ChunkWorkflow;
  }>;
}>;

/** Lambda's asynchronous invocation: a failed S3 notification is retried twice, after about 1 and 2 minutes. */
const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000];

/**
 * Plugs the CSV import flow into a local system: an object store standing in for the imports bucket, the S3
 * notification calling the splitter adapter, the import-chunks queue's consumer (the topology's queue, batch size and
 * DLQ), and each chunk run as an Express execution of the import-chunk ASL on the local interpreter.
 */
export const attachImports = (system: LocalSystem, options: AttachImportsOptions) => {
  const { scheduler } = options;
  const c = system.container;
  const log = options.log ?? { info: () => {}, warn: () => {} };
  const objects = options.objects ?? createMemoryObjectStore();
  const baseImports = createMemoryImportRepository({ outbox: system.adapters.outbox });
  const imports = options.faults?.imports?.(baseImports) ?? baseImports;
  const chunkQueue = system.queues.get('import-chunks');
  if (!chunkQueue) throw new Error('the topology has no import-chunks queue'); // a topology edit gone wrong
  const envelopes = c.get(TOKENS.envelopes);
  const clock = c.get(TOKENS.clock);

  const placeImportedOrder = createPlaceImportedOrder({ placeOrder: c.get(TOKENS.placeOrder) });
  const interpreted = createInterpretedChunkWorkflow(localImportChunkWorkflow(placeImportedOrder));
  const workflow = options.faults?.workflow?.(interpreted) ?? interpreted;
  const finalizeImport = createFinalizeImport({ imports, objects, envelopes, clock });
  system.setQueueHandler(
    'import-chunks',
    importChunksSqs(createProcessChunk({ workflow, imports, envelopes, clock, finalizeImport }), log),
  );

  const splitImport = createSplitImport({
    objects,
    csvRows: createCsvParseRows(),
    queue: createMemoryMessageQueue(chunkQueue),
    ...(options.chunkSize && { chunkSize: options.chunkSize }),
  });
  const onObjectCreated = csvSplitterS3(splitImport, log);
  const deliver = (event: S3Event, attempt = 0): void => {
    scheduler.track(
      onObjectCreated(event).catch((e: unknown) => {
        const delay = ASYNC_RETRY_DELAYS_MS[attempt];
        log.warn('csv-splitter failed', { attempt, error: String(e), retried: delay !== undefined });
        if (delay !== undefined) scheduler.schedule(delay, () => deliver(event, attempt + 1));
      }),
    );
  };

  return {
    objects,
    imports,
    chunkQueue,
    deadLetters: system.queues.get('import-chunks-dlq'),
    /** Puts the file and sends the ObjectCreated notification, as the bucket does; returns the import id. */
    upload: async (key: string, body: string | Uint8Array): Promise<string> => {
      (await objects.put(key, body, 'text/csv'))._unsafeUnwrap();
      const event = objectCreatedEvent(key, body, clock());
      deliver(event);
      return importIdOf(key, event.Records[0]?.s3.object.eTag ?? '');
    },
    /** Re-sends the notification of an uploaded object (S3 delivers at least once). */
    notifyAgain: (key: string, body: string | Uint8Array) => deliver(objectCreatedEvent(key, body, clock())),
    summary: async (importId: string): Promise<ImportSummary | undefined> => {
      const text = await objects.getText(summaryKeyOf(importId));
      return text.isOk() ? (JSON.parse(text.value) as ImportSummary) : undefined;
    },
  };
};
export type LocalImports = ReturnType<typeof attachImports>;
