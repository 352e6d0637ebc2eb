import type { ResultAsync } from 'neverthrow';
import type { EventEnvelope } from '#domain/events.ts';
import type { OrderPlaced } from '#domain/order/order.events.ts';
import type { Unavailable } from '../errors.ts';

/**
 * Drives an order from placed to confirmed or cancelled. Orchestration starts the saga (Step Functions,
 * execution name = order id, so starting twice runs once); choreography needs nothing started because rules
 * route OrderPlaced to the consumers. The HTTP layer and the tests do not care which one runs.
 */
export type OrderFlow = Readonly<{
  start: (placed: EventEnvelope<OrderPlaced>) => ResultAsync<void, Unavailable>;
}>;

/** Completes a workflow task that waits for a callback (`.waitForTaskToken`). */
export type WorkflowCallbacks = Readonly<{
  succeed: (taskToken: string, output: unknown) => ResultAsync<void, Unavailable>;
  fail: (taskToken: string, error: string, cause: string) => ResultAsync<void, Unavailable>;
}>;
