import { errAsync, okAsync } from 'neverthrow';
import { createCsvParseRows } from '#adapters/csv/csv-rows.csv-parse.ts';
import { createMemoryImportRepository } from '#adapters/memory/import-repository.memory.ts';
import { createMemoryObjectStore } from '#adapters/memory/object-store.memory.ts';
import { createManualClock, createSequentialIds } from '#adapters/memory/system.ts';
import { createInterpretedChunkWorkflow } from '#adapters/stepfunctions/chunk-workflow.interpreted.ts';
import { createFinalizeImport } from '#app/imports/finalize-import.ts';
import { createPlaceImportedOrder } from '#app/imports/place-imported-order.ts';
import { createProcessChunk } from '#app/imports/process-chunk.ts';
import { createSplitImport, type SplitImportDeps } from '#app/imports/split-import.ts';
import type { ChunkWorkflow } from '#app/ports/chunk-workflow.ts';
import type { MessageQueue, OutgoingMessage } from '#app/ports/message-queue.ts';
import { buildContainer } from '#infra/container/container.ts';
import { createMemoryAdapters, type MemoryOptions, memoryModule } from '#infra/container/memory.module.ts';
import { TOKENS } from '#infra/container/tokens.ts';
import { localImportChunkWorkflow } from '#infra/local/imports.local.ts';
import { bigStock } from './import-harness.ts';

export const ctx = { correlationId: 'corr-import', causationId: 'cause-import' };

/** A queue that keeps what it was sent; `failOn(n)` makes the n-th sendBatch call (1-based) fail. */
export const recordingQueue = () => {
  const sent: OutgoingMessage[] = [];
  let calls = 0;
  let failing = new Set<number>();
  const queue: MessageQueue = {
    sendBatch: (messages) => {
      calls++;
      if (failing.has(calls)) {
        const unsent = messages.map((m, i) => ({
          id: m.id ?? String(i),
          code: 'Throttled',
          message: 'slow down',
          retryable: true,
        }));
        return errAsync({ kind: 'Unavailable', dependency: 'sqs', message: 'not sent', unsent });
      }
      sent.push(...messages);
      return okAsync(undefined);
    },
  };
  return {
    queue,
    sent,
    failOn: (...n: number[]) => {
      failing = new Set(n);
    },
  };
};

/** The application pieces of the import over memory adapters, with the real PlaceOrder and the real ASL. */
export const importFixture = (
  options: { memory?: MemoryOptions; chunkSize?: number; maxChunkBytes?: number; queue?: MessageQueue } = {},
) => {
  const { clock } = createManualClock();
  const adapters = createMemoryAdapters({
    clock,
    newId: createSequentialIds('id'),
    stock: bigStock(),
    ...options.memory,
  });
  const container = buildContainer(memoryModule(adapters));
  const envelopes = container.get(TOKENS.envelopes);
  const objects = createMemoryObjectStore();
  const imports = createMemoryImportRepository({ outbox: adapters.outbox });
  const placeImportedOrder = createPlaceImportedOrder({ placeOrder: container.get(TOKENS.placeOrder) });
  const workflow: ChunkWorkflow = createInterpretedChunkWorkflow({
    ...localImportChunkWorkflow(placeImportedOrder),
    random: () => 0.5,
  });
  const finalizeImport = createFinalizeImport({ imports, objects, envelopes, clock });
  const recording = recordingQueue();
  const splitDeps: SplitImportDeps = {
    objects,
    csvRows: createCsvParseRows(),
    queue: options.queue ?? recording.queue,
    ...(options.chunkSize && { chunkSize: options.chunkSize }),
    ...(options.maxChunkBytes && { maxChunkBytes: options.maxChunkBytes }),
  };
  const processWith = (w: ChunkWorkflow) =>
    createProcessChunk({ workflow: w, imports, envelopes, clock, finalizeImport });
  const events = (type?: string) =>
    adapters.outbox.committed().filter((e) => (type ? e.type === type : e.type.startsWith('Import')));
  return {
    adapters,
    container,
    objects,
    imports,
    workflow,
    placeImportedOrder,
    finalizeImport,
    sent: recording.sent,
    failSendOn: recording.failOn,
    splitImport: createSplitImport(splitDeps),
    splitWith: (deps: Partial<SplitImportDeps>) => createSplitImport({ ...splitDeps, ...deps }),
    processChunk: processWith(workflow),
    processWith,
    events,
    ordersPlaced: () => events('OrderPlaced').length,
  };
};
