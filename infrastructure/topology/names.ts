/** Consumers: each one function in AWS, one handler locally. Adding a consumer = a name, a rule, a handler. */
export const consumerNames = [
  'start-order-saga',
  'reserve-stock-on-order-placed',
  'authorize-payment-on-order-placed',
  'advance-order',
  'forward-approval',
  'compensate-cancelled-order',
  'commit-stock-on-confirmation',
  'notify-customer',
  'record-analytics',
  'fraud-check',
  // Not an event reaction: it consumes import chunks (infrastructure/local/imports.local.ts, lambda/imports/).
  'import-chunk-processor',
] as const;
export type ConsumerName = (typeof consumerNames)[number];

export const queueNames = [
  'inventory-requests',
  'payment-requests',
  'order-process',
  'compensations',
  'event-delivery-dlq',
  'import-chunks',
  'import-chunks-dlq',
] as const;
export type QueueName = (typeof queueNames)[number];

export type OrderFlowMode = 'orchestration' | 'choreography';
export const BUS_NAME = 'orderly';
export const SAGA_NAME = 'order-saga';
