import type { EventEnvelope } from '#domain/events.ts';

/** What a repository contract needs: the port, and a way to see the events its writes committed (the outbox). */
export type RepositoryHarness<Port> = Readonly<{
  port: Port;
  committedEvents: () => Promise<readonly EventEnvelope[]>;
}>;

let n = 0;
export const anEnvelope = (orderId: string): EventEnvelope => {
  n++;
  return {
    id: `evt-${n}-${orderId}`,
    type: 'OrderApprovalRequested',
    source: 'orderly.orders',
    version: 1,
    time: '2026-01-01T00:00:00.000Z',
    correlationId: 'corr-1',
    causationId: 'cause-1',
    data: {
      type: 'OrderApprovalRequested',
      orderId: orderId as never,
      customerId: 'c-1' as never,
      total: { amount: 1, currency: 'EUR' },
    },
  };
};
