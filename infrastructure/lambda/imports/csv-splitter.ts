import { SQSClient } from '@aws-sdk/client-sqs';
import { errAsync } from 'neverthrow';
import { createCsvParseRows } from '#adapters/csv/csv-rows.csv-parse.ts';
import { withObservability } from '#adapters/lambda/observability/with-observability.ts';
import { csvSplitterS3 } from '#adapters/lambda/s3/csv-splitter.s3.ts';
import { createSqsSender } from '#adapters/sqs/message-queue.sqs.ts';
import { unavailable } from '#app/errors.ts';
import { createSplitImport } from '#app/imports/split-import.ts';
import type { MessageQueue } from '#app/ports/message-queue.ts';
import { createImportRuntime, required } from './import-runtime.ts';

const rt = createImportRuntime();
const queue: MessageQueue =
  rt.env.ORDERLY_PORTS === 'memory'
    ? { sendBatch: () => errAsync({ ...unavailable('sqs', 'no queue in memory mode'), unsent: [] }) }
    : createSqsSender({
        client: rt.obs.traceClient(new SQSClient({})),
        queueUrl: required(rt.imports.IMPORT_CHUNKS_QUEUE_URL, 'IMPORT_CHUNKS_QUEUE_URL'),
      });

const splitImport = createSplitImport({
  objects: rt.objects,
  csvRows: createCsvParseRows(),
  queue,
  ...(rt.imports.IMPORT_CHUNK_SIZE && { chunkSize: rt.imports.IMPORT_CHUNK_SIZE }),
});

/** S3 ObjectCreated (imports/*.csv) → chunk messages and the totals on the import-chunks queue. No table access. */
export const handler = withObservability('csv-splitter', csvSplitterS3(splitImport, rt.obs.logger), { obs: rt.obs });
