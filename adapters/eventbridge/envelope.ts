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

/** PutEvents refuses an entry over 256 KB, measured as below. */
export const MAX_ENTRY_BYTES = 256 * 1024;

const utf8 = (s: string | undefined): number => (s === undefined ? 0 : Buffer.byteLength(s, 'utf8'));

/**
 * An entry's size as EventBridge computes it ("Calculating PutEvents event entry size"): 14 bytes for Time
 * if set, plus the UTF-8 bytes of Source, DetailType, Detail and each Resources entry. EventBusName is free.
 */
export const putEventsEntrySize = (entry: PutEventsRequestEntry): number =>
  (entry.Time ? 14 : 0) +
  utf8(entry.Source) +
  utf8(entry.DetailType) +
  utf8(entry.Detail) +
  (entry.Resources ?? []).reduce((total, r) => total + utf8(r), 0);

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
