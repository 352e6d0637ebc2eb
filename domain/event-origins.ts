export const sources = {
  orders: 'orderly.orders',
  inventory: 'orderly.inventory',
  payments: 'orderly.payments',
  imports: 'orderly.imports',
} as const;
export type EventSource = (typeof sources)[keyof typeof sources];

export type EventOrigin = Readonly<{ source: EventSource; version: number }>;
const from = (source: EventSource, version = 1): EventOrigin => ({ source, version });

/**
 * Every event type's source (EventBridge `source`) and schema version: all an envelope needs. Apart from the
 * schemas (domain/events.ts joins the two into the catalog, and checks that every event type has its origin) so
 * that a function that only writes events does not build every event's zod schema at each cold start (an HTTP
 * route would build the import events' too).
 */
export const eventOrigins = {
  OrderPlaced: from(sources.orders),
  OrderApprovalRequested: from(sources.orders),
  OrderApproved: from(sources.orders),
  OrderRejected: from(sources.orders),
  OrderProgressRecorded: from(sources.orders),
  OrderConfirmed: from(sources.orders),
  OrderCancelled: from(sources.orders),
  OrderShippingAddressChanged: from(sources.orders),
  StockReserved: from(sources.inventory),
  StockReservationFailed: from(sources.inventory),
  StockReleased: from(sources.inventory),
  StockCommitted: from(sources.inventory),
  StockRestocked: from(sources.inventory),
  StockReceived: from(sources.inventory),
  PaymentAuthorized: from(sources.payments),
  PaymentDeclined: from(sources.payments),
  PaymentCaptured: from(sources.payments),
  PaymentVoided: from(sources.payments),
  PaymentRefunded: from(sources.payments),
  ImportStarted: from(sources.imports),
  ImportChunkProcessed: from(sources.imports),
  ImportCompleted: from(sources.imports),
} as const satisfies Readonly<Record<string, EventOrigin>>;
