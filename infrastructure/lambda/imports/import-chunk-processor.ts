import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { errAsync } from 'neverthrow';
import { createDynamoImportRepository } from '#adapters/dynamodb/import-repository.dynamodb.ts';
import { withObservability } from '#adapters/lambda/observability/with-observability.ts';
import { importChunksSqs } from '#adapters/lambda/sqs/import-chunks.sqs.ts';
import { createMemoryImportRepository } from '#adapters/memory/import-repository.memory.ts';
import { createMemoryOutbox } from '#adapters/memory/outbox.memory.ts';
import { randomIds, systemClock } from '#adapters/memory/system.ts';
import { createStepFunctionsChunkWorkflow } from '#adapters/stepfunctions/chunk-workflow.stepfunctions.ts';
import { createEnvelopes } from '#app/envelopes.ts';
import { unavailable } from '#app/errors.ts';
import { createFinalizeImport } from '#app/imports/finalize-import.ts';
import { createProcessChunk } from '#app/imports/process-chunk.ts';
import type { ChunkWorkflow } from '#app/ports/chunk-workflow.ts';
import type { ImportRepository } from '#app/ports/import-repository.ts';
import { createImportRuntime, required } from './import-runtime.ts';

const rt = createImportRuntime();
const clock = systemClock;
const envelopes = createEnvelopes({ newId: randomIds, clock });
let imports: ImportRepository;
let workflow: ChunkWorkflow;
if (rt.env.ORDERLY_PORTS === 'memory') {
  imports = createMemoryImportRepository({ outbox: createMemoryOutbox() });
  workflow = { run: () => errAsync(unavailable('stepfunctions', 'no state machine in memory mode')) };
} else {
  const doc = DynamoDBDocumentClient.from(rt.obs.traceClient(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  });
  imports = createDynamoImportRepository({ client: doc, tableName: rt.env.TABLE_NAME });
  workflow = createStepFunctionsChunkWorkflow({
    client: rt.obs.traceClient(new SFNClient({})),
    stateMachineArn: required(rt.imports.IMPORT_CHUNK_STATE_MACHINE_ARN, 'IMPORT_CHUNK_STATE_MACHINE_ARN'),
  });
}

const processChunk = createProcessChunk({
  workflow,
  imports,
  envelopes,
  clock,
  finalizeImport: createFinalizeImport({ imports, objects: rt.objects, envelopes, clock }),
});

/** import-chunks queue → each chunk through the import-chunk Express workflow (StartSyncExecution), fan-in, summary. */
export const handler = withObservability('import-chunk-processor', importChunksSqs(processChunk, rt.obs.logger), {
  obs: rt.obs,
});
