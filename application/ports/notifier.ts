import type { ResultAsync } from 'neverthrow';
import type { Unavailable } from '../errors.ts';

export type Notification = Readonly<{
  channel: 'customer' | 'risk';
  recipient: string;
  subject: string;
  /** The event that caused it: notifications are at-least-once, so receivers dedupe on this. */
  dedupeKey: string;
}>;

/** Email, SMS, a risk team's queue: whatever tells a person. Delivery is at-least-once. */
export type Notifier = Readonly<{ notify: (n: Notification) => ResultAsync<void, Unavailable> }>;

/** Where analytics facts go (a data lake, a warehouse stream). */
export type AnalyticsSink = Readonly<{
  record: (
    fact: Readonly<{ type: string; orderId?: string; at: string; amount?: number }>,
  ) => ResultAsync<void, Unavailable>;
}>;
