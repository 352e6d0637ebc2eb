import { randomUUID } from 'node:crypto';
import type { VersionedTable } from '#adapters/memory/versioned-table.memory.ts';
import type { EventEnvelope } from '#domain/events.ts';
import type { OrderPlaced } from '#domain/order/order.events.ts';
import type { Order } from '#domain/order/order.ts';
import { TOKENS } from '../../container/tokens.ts';
import type { LocalSystem } from '../system.ts';

export type Reconciliation = Readonly<{ restarted: readonly string[]; cancelled: readonly string[] }>;

/**
 * The saga's OrderPlaced, rebuilt from the stored order. `approvalRequired` says whether the saga must still ask:
 * an order approved before the restart goes straight to capture (its approval is already recorded, so ConfirmOrder
 * accepts it); one waiting for a decision asks again, which stores a fresh task token.
 */
const placedFrom = (order: Order, correlationId: string): EventEnvelope<OrderPlaced> => ({
  id: `reconcile-${order.id}-${correlationId}`,
  type: 'OrderPlaced',
  source: 'orderly.orders',
  version: 1,
  time: new Date().toISOString(),
  correlationId,
  causationId: correlationId,
  data: {
    type: 'OrderPlaced',
    orderId: order.id,
    customerId: order.customerId,
    lines: order.lines,
    currency: order.currency,
    total: order.total,
    shippingAddress: order.shippingAddress,
    paymentToken: order.paymentToken,
    approvalRequired: order.approval === 'REQUIRED' || order.approval === 'REQUESTED',
    placedAt: order.placedAt,
  },
});

const until = async (done: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return done();
};

/**
 * After a restart the in-process saga executions are gone (the ASL interpreter lived in the old process), and so
 * are their task tokens. Orchestration: every open order gets a new execution (every saga step is idempotent, so
 * steps already done are no-ops); stale tokens are dropped first, so a decision can only reach the new execution.
 * An order rejected while its execution was lost is cancelled (REJECTED): the compensation consumer voids and
 * releases, as for a customer's cancel. We wait until the new executions are parked or done before serving, then
 * wake the outbox relay so events committed before the stop are published.
 * Choreography keeps its progress on the order and in events; in-flight queue messages of the old process are lost.
 */
export const reconcile = async (
  system: LocalSystem,
  {
    orders,
    wakeRelay,
    settleMs = 10_000,
  }: Readonly<{ orders: VersionedTable<Order>; wakeRelay: () => void; settleMs?: number }>,
): Promise<Reconciliation> => {
  const restarted: string[] = [];
  const cancelled: string[] = [];
  if (system.mode === 'orchestration') {
    const open = orders
      .rows()
      .map(([, row]) => row.state)
      .filter((o) => o.status === 'PENDING' || o.status === 'AWAITING_APPROVAL');
    for (const order of open) await system.adapters.approvals.remove(order.id);
    const flow = system.container.get(TOKENS.orderFlow);
    const cancel = system.container.get(TOKENS.cancelOrder);
    for (const order of open) {
      const correlationId = `reconcile-${randomUUID()}`;
      if (order.approval === 'REJECTED') {
        await cancel({ orderId: order.id, reason: 'REJECTED' }, { correlationId, causationId: correlationId });
        cancelled.push(order.id);
      } else {
        await flow.start(placedFrom(order, correlationId));
        restarted.push(order.id);
      }
    }
    await until(system.sagaQuiet, settleMs);
  }
  wakeRelay();
  return { restarted, cancelled };
};
