import { available } from '#domain/inventory/stock-item.ts';
import type { Order } from '#domain/order/order.ts';
import type { LocalServer } from '#infra/local/gateway/local-server.ts';
import type { LocalSystem } from '#infra/local/system.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the system has nothing left to do: no saga running, no message waiting or in flight on any
 * queue but the DLQs, and no new event committed for a second. Gives up after `timeoutMs` (the check then
 * reports what is still open).
 */
export const waitForQuiet = async (system: LocalSystem, timeoutMs = 120_000) => {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const events = system.adapters.outbox.committedCount();
    const busy = [...system.queues.values()].some((q) => {
      if (q.name.endsWith('-dlq')) return false;
      const c = q.counts();
      return c.visible + c.inFlight + c.delayed > 0;
    });
    if (events !== last || busy || !system.sagaQuiet() || system.adapters.outbox.pending().length > 0) {
      last = events;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 1_000) {
      return true;
    }
    await sleep(100);
  }
  return false;
};

type Input = Readonly<{
  server: LocalServer;
  tokens: ReadonlyMap<string, string>;
  /** Orders the load acknowledged with a 201, with their customer. */
  placed: ReadonlyMap<string, string>;
  stock: Readonly<Record<string, number>>;
  connections: number;
}>;

/** Lists a customer's orders through the API, every page: what the customer would see. */
const listAll = async (url: string, token: string) => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const query = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await fetch(`${url}/orders?${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET /orders answered ${res.status}`);
    const page = (await res.json()) as { orders: { orderId: string }[]; nextCursor?: string };
    ids.push(...page.orders.map((o) => o.orderId));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
};

/** Nothing lost, nothing doubled: the same invariants as the fault-injection model test, at load. */
export const checkConsistency = async ({ server, tokens, placed, stock, connections }: Input) => {
  const { adapters } = server.system;
  const problems: string[] = [];
  const found = new Set<string>();
  for (const [customer, token] of tokens) {
    for (const id of await listAll(server.url, token)) {
      found.add(id);
      if (placed.has(id) && placed.get(id) !== customer) problems.push(`order ${id} listed for ${customer}`);
    }
  }
  for (const id of placed.keys()) if (!found.has(id)) problems.push(`order ${id} was placed (201) but is not listed`);
  // autocannon stops at the deadline without reading the answers still on the wire: at most one per connection
  // may be an order the server placed but the client never saw acknowledged.
  const inFlightAtStop = [...found].filter((id) => !placed.has(id));
  if (inFlightAtStop.length > connections) {
    problems.push(
      `${inFlightAtStop.length} orders are listed but were never acknowledged (> ${connections} connections)`,
    );
  }

  const states: Record<string, number> = {};
  const confirmedQty = new Map<string, number>();
  const reservedQty = new Map<string, number>();
  const orders = new Map<string, Order>();
  const ledger = adapters.ledger();
  for (const id of found) {
    const order = (await adapters.orders.load(id))._unsafeUnwrap()?.state;
    if (!order) {
      problems.push(`order ${id} is listed but cannot be loaded`);
      continue;
    }
    orders.set(id, order);
    states[order.status] = (states[order.status] ?? 0) + 1;
    if (!['CONFIRMED', 'CANCELLED', 'AWAITING_APPROVAL'].includes(order.status)) {
      problems.push(`order ${id} is still ${order.status}`);
    }
    const payment = (await adapters.payments.load(id))._unsafeUnwrap()?.state;
    const net = payment ? payment.captured - payment.refunded : 0;
    const expected = order.status === 'CONFIRMED' ? order.total.amount : 0;
    if (net !== expected) problems.push(`order ${id} (${order.status}) holds ${net} of ${order.total.amount}`);
    if (order.status === 'AWAITING_APPROVAL' && payment?.status !== 'AUTHORIZED') {
      problems.push(`order ${id} awaits approval with payment ${payment?.status ?? 'none'}`);
    }
    if (order.status === 'CONFIRMED') {
      for (const l of order.lines) confirmedQty.set(l.sku, (confirmedQty.get(l.sku) ?? 0) + l.quantity);
    }
    const hold = (await adapters.stock.loadHold(order.id))._unsafeUnwrap()?.state;
    if (hold?.status === 'RESERVED') {
      if (order.status !== 'AWAITING_APPROVAL') problems.push(`order ${id} (${order.status}) still holds stock`);
      for (const l of hold.lines) reservedQty.set(l.sku, (reservedQty.get(l.sku) ?? 0) + l.quantity);
    }
    for (const op of ['authorize', 'capture', 'void', 'refund']) {
      const times = ledger.filter((e) => e.idempotencyKey === `${op}#${id}`).length;
      if (times > 1) problems.push(`order ${id}: ${op} happened ${times} times`);
    }
  }

  const items = (await adapters.stock.loadMany(Object.keys(stock) as never[]))._unsafeUnwrap();
  for (const [sku, seed] of Object.entries(stock)) {
    const item = items.get(sku as never)?.state;
    if (!item) {
      problems.push(`stock item ${sku} is missing`);
      continue;
    }
    const want = seed - (confirmedQty.get(sku) ?? 0);
    if (item.onHand !== want) problems.push(`stock ${sku}: on hand ${item.onHand}, expected ${want}`);
    if (available(item) < 0) problems.push(`stock ${sku}: available ${available(item)} < 0`);
    const held = reservedQty.get(sku) ?? 0;
    if (item.reserved !== held) problems.push(`stock ${sku}: ${item.reserved} reserved, orders hold ${held}`);
  }
  const dead = server.system.queues.get('event-delivery-dlq')?.messages().length ?? 0;
  if (dead > 0) problems.push(`${dead} messages in event-delivery-dlq`);
  return { found: found.size, inFlightAtStop: inFlightAtStop.length, states, problems };
};
