import { z } from 'zod';
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

export const sources = {
  orders: 'orderly.orders',
  inventory: 'orderly.inventory',
  payments: 'orderly.payments',
  imports: 'orderly.imports',
} as const;
export type EventSource = (typeof sources)[keyof typeof sources];

type CatalogEntry = Readonly<{ source: EventSource; version: number; schema: z.ZodType }>;
const entry = (source: EventSource, schema: z.ZodType, version = 1): CatalogEntry => ({ source, version, schema });

/** Every event type, its source (EventBridge `source`), schema version and zod schema. Detail-type = the key. */
export const eventCatalog: Readonly<Record<EventType, CatalogEntry>> = {
  OrderPlaced: entry(sources.orders, OrderPlaced),
  OrderApprovalRequested: entry(sources.orders, OrderApprovalRequested),
  OrderApproved: entry(sources.orders, OrderApproved),
  OrderRejected: entry(sources.orders, OrderRejected),
  OrderProgressRecorded: entry(sources.orders, OrderProgressRecorded),
  OrderConfirmed: entry(sources.orders, OrderConfirmed),
  OrderCancelled: entry(sources.orders, OrderCancelled),
  OrderShippingAddressChanged: entry(sources.orders, OrderShippingAddressChanged),
  StockReserved: entry(sources.inventory, StockReserved),
  StockReservationFailed: entry(sources.inventory, StockReservationFailed),
  StockReleased: entry(sources.inventory, StockReleased),
  StockCommitted: entry(sources.inventory, StockCommitted),
  StockRestocked: entry(sources.inventory, StockRestocked),
  StockReceived: entry(sources.inventory, StockReceived),
  PaymentAuthorized: entry(sources.payments, PaymentAuthorized),
  PaymentDeclined: entry(sources.payments, PaymentDeclined),
  PaymentCaptured: entry(sources.payments, PaymentCaptured),
  PaymentVoided: entry(sources.payments, PaymentVoided),
  PaymentRefunded: entry(sources.payments, PaymentRefunded),
  ImportStarted: entry(sources.imports, ImportStarted),
  ImportChunkProcessed: entry(sources.imports, ImportChunkProcessed),
  ImportCompleted: entry(sources.imports, ImportCompleted),
};

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
