import type { OrderStatus } from '#domain/order/order.values.ts';
import type { LocalSystem } from './system.ts';

export type OrderCounts = Readonly<Partial<Record<OrderStatus, number>>>;

export type OrderOutcomes = Readonly<{
  statuses: OrderCounts;
  cancellationReasons: Readonly<Partial<Record<string, number>>>;
}>;

export type SettleOptions = Readonly<{
  onTick: (orders: OrderCounts, queued: number) => void;
  tickMs: number;
  /** The longest wait for the flows (a message failing until its DLQ takes maxReceiveCount visibility timeouts). */
  maxWaitMs: number;
  /** With nothing left to run, how long open orders are given before they are reported as still open. */
  restGraceMs?: number;
}>;

const AT_REST: ReadonlySet<OrderStatus> = new Set(['CONFIRMED', 'CANCELLED', 'AWAITING_APPROVAL']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Messages in the work queues (not the DLQs): waiting, being processed, or failed and waiting to be seen again. */
export const queuedMessages = (system: LocalSystem): number => {
  let total = 0;
  for (const [name, queue] of system.queues) {
    if (name.endsWith('-dlq')) continue;
    const c = queue.counts();
    total += c.visible + c.inFlight + c.delayed;
  }
  return total;
};

/**
 * Nothing of the orders' flows left to run: the outbox published, no saga running, no bus delivery pending and the
 * work queues empty (a choreography's compensation runs from a queue after the order is already CANCELLED).
 */
export const systemAtRest = (system: LocalSystem): boolean => {
  const bus = system.bus.stats();
  if (bus.matched > bus.delivered + bus.deadLettered + bus.dropped) return false;
  return queuedMessages(system) === 0 && system.adapters.outbox.pending().length === 0 && system.sagaQuiet();
};

const countBy = <K extends string>(values: Iterable<K>): Partial<Record<K, number>> => {
  const counts: Partial<Record<K, number>> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
};

/**
 * Follows the imported orders on wall-clock time until each is confirmed, cancelled or waiting for a person and
 * the system has nothing left to run. A failed queue message is seen again only after its visibility timeout
 * (60 s for the order queues, as deployed): while something is queued we keep waiting, up to `maxWaitMs`; once
 * nothing is, orders still open will not move (their messages are in a DLQ) and are reported as such.
 */
export const settleOrders = async (
  system: LocalSystem,
  orderIds: Iterable<string>,
  o: SettleOptions,
): Promise<OrderOutcomes> => {
  const statuses = new Map<string, OrderStatus>();
  const reasons = new Map<string, string>();
  const ids = [...new Set(orderIds)];
  const started = performance.now();
  let restingSince: number | undefined;
  for (;;) {
    for (const orderId of ids) {
      const before = statuses.get(orderId);
      if (before && before !== 'PENDING') continue; // CONFIRMED/CANCELLED are final; AWAITING_APPROVAL waits for a person
      const row = await system.adapters.orders.load(orderId as never);
      const order = row.isOk() ? row.value?.state : undefined;
      if (!order) continue;
      statuses.set(orderId, order.status);
      if (order.cancellationReason) reasons.set(orderId, order.cancellationReason);
    }
    o.onTick(countBy(statuses.values()), queuedMessages(system));
    const ordersAtRest = [...statuses.values()].every((s) => AT_REST.has(s));
    const now = performance.now();
    if (systemAtRest(system)) {
      restingSince ??= now;
      if (ordersAtRest || now - restingSince > (o.restGraceMs ?? 2_000)) break;
    } else restingSince = undefined;
    if (now - started > o.maxWaitMs) break;
    await sleep(o.tickMs);
  }
  return { statuses: countBy(statuses.values()), cancellationReasons: countBy(reasons.values()) };
};
