import { z } from 'zod';
import { type EventOrigin, eventOrigins } from './event-origins.ts';
import { ImportChunkProcessed, ImportCompleted, type ImportEvent, ImportStarted } from './imports/import.events.ts';
import {
  StockCommitted,
  type StockEvent,
  StockReceived,
  StockReleased,
  StockReservationFailed,
  StockReserved,
  StockRestocked,
} from './inventory/stock.events.ts';
import {
  OrderApprovalRequested,
  OrderApproved,
  OrderCancelled,
  OrderConfirmed,
  type OrderEvent,
  OrderPlaced,
  OrderProgressRecorded,
  OrderRejected,
  OrderShippingAddressChanged,
} from './order/order.events.ts';
import {
  PaymentAuthorized,
  PaymentCaptured,
  PaymentDeclined,
  type PaymentEvent,
  PaymentRefunded,
  PaymentVoided,
} from './payment/payment.events.ts';

export type DomainEvent = OrderEvent | StockEvent | PaymentEvent | ImportEvent;
export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

type CatalogEntry = EventOrigin & Readonly<{ schema: z.ZodType }>;

const schemas: Readonly<Record<EventType, z.ZodType>> = {
  OrderPlaced,
  OrderApprovalRequested,
  OrderApproved,
  OrderRejected,
  OrderProgressRecorded,
  OrderConfirmed,
  OrderCancelled,
  OrderShippingAddressChanged,
  StockReserved,
  StockReservationFailed,
  StockReleased,
  StockCommitted,
  StockRestocked,
  StockReceived,
  PaymentAuthorized,
  PaymentDeclined,
  PaymentCaptured,
  PaymentVoided,
  PaymentRefunded,
  ImportStarted,
  ImportChunkProcessed,
  ImportCompleted,
};

const origins: Readonly<Record<EventType, EventOrigin>> = eventOrigins;

/** Every event type, its source (EventBridge `source`), schema version and zod schema. Detail-type = the key. */
export const eventCatalog = Object.fromEntries(
  Object.entries(schemas).map(([type, schema]) => [type, { ...origins[type as EventType], schema }]),
) as Readonly<Record<EventType, CatalogEntry>>;

export const eventTypes = Object.keys(eventCatalog) as EventType[];

/** Envelope metadata: who, when, and which request or event caused this one. */
export const EventMetadata = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  source: z.string().min(1),
  version: z.number().int().min(1),
  time: z.iso.datetime(),
  correlationId: z.string().min(1),
  causationId: z.string().min(1),
});
export type EventMetadata = Readonly<z.infer<typeof EventMetadata>>;

export type EventEnvelope<E extends DomainEvent = DomainEvent> = EventMetadata & Readonly<{ type: E['type']; data: E }>;

/** Parses an envelope whose data must satisfy the schema its type names. */
export const EventEnvelope = EventMetadata.extend({ data: z.unknown() }).superRefine((envelope, ctx) => {
  // Own keys only: a type such as "constructor" or "__proto__" must not find Object.prototype's members.
  const known = Object.hasOwn(eventCatalog, envelope.type) ? eventCatalog[envelope.type as EventType] : undefined;
  if (!known) {
    ctx.addIssue({ code: 'custom', path: ['type'], message: `unknown event type "${envelope.type}"` });
    return;
  }
  const parsed = known.schema.safeParse(envelope.data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ['data', ...issue.path] } as never);
  }
  if ((envelope.data as { type?: unknown })?.type !== envelope.type) {
    ctx.addIssue({ code: 'custom', path: ['data', 'type'], message: 'must equal the envelope type' });
  }
});

/** JSON Schema (draft 2020-12) of every event's data, for the schema registry and the docs. */
export const eventJsonSchemas = (): Record<EventType, unknown> =>
  Object.fromEntries(
    eventTypes.map((type) => [type, z.toJSONSchema(eventCatalog[type].schema, { target: 'draft-2020-12' })]),
  ) as Record<EventType, unknown>;
