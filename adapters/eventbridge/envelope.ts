import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { err, type Result } from 'neverthrow';
import { z } from 'zod';
import { EventEnvelope } from '#domain/events.ts';
import { parseWith, type ValidationFailed } from '#domain/shared/validation.ts';

/**
 * The wire form of an envelope on EventBridge: source and detail-type carry the context and the event type,
 * Detail is `{ metadata, data }`, so rule patterns filter on `detail.data.*`.
 */
export const toPutEventsEntry = (e: EventEnvelope, busName: string): PutEventsRequestEntry => ({
  EventBusName: busName,
  Source: e.source,
  DetailType: e.type,
  Time: new Date(e.time),
  Detail: JSON.stringify({
    metadata: {
      id: e.id,
      version: e.version,
      correlationId: e.correlationId,
      causationId: e.causationId,
      occurredAt: e.time,
    },
    data: e.data,
  }),
});

const EventBridgeEventShape = z.object({
  source: z.string(),
  'detail-type': z.string(),
  detail: z.object({
    metadata: z.object({
      id: z.string(),
      version: z.number(),
      correlationId: z.string(),
      causationId: z.string(),
      occurredAt: z.string(),
    }),
    data: z.unknown(),
  }),
});

/** An EventBridge event (as a target receives it) back to the envelope, its data checked against its schema. */
export const fromEventBridgeEvent = (event: unknown): Result<EventEnvelope, ValidationFailed> => {
  const shape = parseWith(EventBridgeEventShape)(event);
  if (shape.isErr()) return err(shape.error);
  const { source, detail } = shape.value;
  const { metadata } = detail;
  return parseWith(EventEnvelope)({
    id: metadata.id,
    type: shape.value['detail-type'],
    source,
    version: metadata.version,
    time: metadata.occurredAt,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    data: detail.data,
  }).map((e) => e as EventEnvelope);
};
