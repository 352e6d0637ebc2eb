import type { ResultAsync } from 'neverthrow';
import type { EventEnvelope } from '#domain/events.ts';
import type { Order } from '#domain/order/order.ts';
import type { OrderStatus } from '#domain/order/order.values.ts';
import type { ValidationFailed } from '#domain/shared/validation.ts';
import type { Unavailable, VersionConflict } from '../errors.ts';
import type { Page, Versioned } from './versioned.ts';

export type OrderQuery = Readonly<{ customerId: string; status?: OrderStatus; limit: number; cursor?: string }>;

/**
 * Orders with optimistic concurrency. `save` stores the state and its events in one atomic write
 * (a transaction with outbox items on DynamoDB), conditional on `expectedVersion`; 0 means "create".
 */
export type OrderRepository = Readonly<{
  load: (orderId: string) => ResultAsync<Versioned<Order> | undefined, Unavailable>;
  save: (
    order: Order,
    change: Readonly<{ expectedVersion: number; events: readonly EventEnvelope[] }>,
  ) => ResultAsync<number, VersionConflict | Unavailable>;
  /** Newest first; the cursor is opaque to callers. */
  listByCustomer: (query: OrderQuery) => ResultAsync<Page<Order>, Unavailable | ValidationFailed>;
}>;
