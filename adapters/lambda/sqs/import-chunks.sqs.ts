import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ProcessChunk } from '#app/imports/process-chunk.ts';
import { ConsumerError } from '../eventbridge/consumer-error.ts';

/** Where the handler says why a record failed (Powertools' Logger fits). */
export type ChunkLog = Readonly<{ warn: (message: string, fields: Record<string, unknown>) => void }>;
const silent: ChunkLog = { warn: () => {} };

const NOT_JSON = Symbol('not JSON');
const parseBody = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return NOT_JSON;
  }
};

const attribute = (r: SQSRecord, name: string): string | undefined => r.messageAttributes?.[name]?.stringValue;

/**
 * The import-chunks consumer: each record is one chunk of an import (`{ importId, chunk, rows }`), processed with
 * partial batch responses. Every failure fails its record, poison included (a body that is not JSON or not a chunk,
 * an unknown import): SQS receives it again until maxReceiveCount moves it to the DLQ, which keeps its receive
 * count; the reason is logged on each failure, with the receive count, so the DLQ entry can be explained.
 */
export const importChunksSqs = (processChunk: ProcessChunk, log: ChunkLog = silent) => {
  const record = async (r: SQSRecord): Promise<void> => {
    const receiveCount = Number(r.attributes.ApproximateReceiveCount);
    const fail = (kind: string, reason: string, poison: boolean) => {
      log.warn(poison ? 'poison import chunk (kept for the DLQ)' : 'import chunk failed (will be retried)', {
        messageId: r.messageId,
        receiveCount,
        kind,
        reason,
      });
      return new ConsumerError(kind, reason);
    };
    const body = parseBody(r.body);
    if (body === NOT_JSON) throw fail('ValidationFailed', 'the body is not JSON', true);
    const ctx = {
      correlationId: attribute(r, 'correlationId') ?? r.messageId,
      causationId: attribute(r, 'causationId') ?? r.messageId,
    };
    const result = await processChunk(body, ctx);
    if (result.isErr()) {
      const e = result.error;
      throw fail(e.kind, JSON.stringify(e), e.kind === 'ValidationFailed' || e.kind === 'ImportNotFound');
    }
  };
  return async (event: SQSEvent): Promise<SQSBatchResponse> =>
    processPartialResponse(event, record, new BatchProcessor(EventType.SQS), { throwOnFullBatchFailure: false });
};
