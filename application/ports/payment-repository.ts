import type { ResultAsync } from 'neverthrow';
import type { EventEnvelope } from '#domain/events.ts';
import type { Payment } from '#domain/payment/payment.ts';
import type { Unavailable, VersionConflict } from '../errors.ts';
import type { Versioned } from './versioned.ts';

/** One payment per order, stored with its events atomically and optimistic concurrency. */
export type PaymentRepository = Readonly<{
  load: (orderId: string) => ResultAsync<Versioned<Payment> | undefined, Unavailable>;
  save: (
    payment: Payment,
    change: Readonly<{ expectedVersion: number; events: readonly EventEnvelope[] }>,
  ) => ResultAsync<number, VersionConflict | Unavailable>;
}>;
