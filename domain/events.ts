import { z } from 'zod';
import { type EventOrigin, eventOrigins } from './event-origins.ts';
import { ImportEvent } from './imports/import.events.ts';
import { StockEvent } from './inventory/stock.events.ts';
import { OrderEvent } from './order/order.events.ts';
import { PaymentEvent } from './payment/payment.events.ts';

export type DomainEvent = OrderEvent | StockEvent | PaymentEvent | ImportEvent;
export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

type CatalogEntry = EventOrigin & Readonly<{ schema: z.ZodType }>;

/** Each event's schema under its type, read off the aggregates' unions: an event added to a union is in the catalog. */
const schemas = new Map<EventType, z.ZodType>(
  [...OrderEvent.options, ...StockEvent.options, ...PaymentEvent.options, ...ImportEvent.options].map((schema) => [
    schema.shape.type.value,
    schema,
  ]),
);

const origins: Readonly<Record<EventType, EventOrigin>> = eventOrigins;

/** Every event type, its source (EventBridge `source`), schema version and zod schema. Detail-type = the key. */
export const eventCatalog = Object.fromEntries(
  [...schemas].map(([type, schema]) => [type, { ...origins[type], schema }]),
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
