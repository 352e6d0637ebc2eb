import fc from 'fast-check';
import { fromEventBridgeEvent } from '#adapters/eventbridge/envelope.ts';
import { eventBridgeConsumer } from '#adapters/lambda/eventbridge/consumer.eventbridge.ts';
import { sqsConsumer } from '#adapters/lambda/sqs/consumer.sqs.ts';
import { createSequentialIds } from '#adapters/memory/system.ts';
import type { CommandContext } from '#app/context.ts';
import { buildReactions } from '#infra/container/reactions.ts';
import { TOKENS } from '#infra/container/tokens.ts';
import { eventRules } from '#infra/topology/event-rules.ts';
import type { ConsumerName, OrderFlowMode } from '#infra/topology/names.ts';
import { queues } from '#infra/topology/queues.ts';
import { busEvent } from '#test/fixtures/events/eventbridge-events.ts';
import { startVirtualSystem } from '#test/support/virtual-system.ts';
import { ADDRESS, awkwardString, invalidJsonText } from './malformed.ts';

export const STOCK = { 'BOOK-DDD': 20, 'MUG-LAMBDA': 20, 'LAPTOP-PRO': 5 };
const ctx = (customerId: string, roles: string[] = []): CommandContext => ({
  correlationId: `corr-${customerId}`,
  causationId: `req-${customerId}`,
  actor: { customerId, roles },
});

/** An EventBridge event exactly as a rule target receives it. */
export type BusEventShape = Readonly<{ source: string; 'detail-type': string; detail: Record<string, unknown> }>;

/**
 * The local system on virtual time with a few real orders run to the end (confirmed, cancelled after
 * confirmation, declined, waiting for approval), so a malformed event that was acted on would change something.
 */
export const createConsumerFuzzSystem = async (mode: OrderFlowMode = 'orchestration') => {
  const { scheduler, system, settle } = startVirtualSystem((scheduler) => ({
    mode,
    memory: { clock: () => new Date(scheduler.now()), newId: createSequentialIds('o'), stock: STOCK },
  }));
  const c = system.container;
  const place = async (lines: { sku: string; quantity: number }[], paymentToken = 'tok_visa') =>
    (await c.get(TOKENS.placeOrder)({ lines, shippingAddress: ADDRESS, paymentToken }, ctx('c-1')))._unsafeUnwrap().id;
  const ids = [
    await place([{ sku: 'BOOK-DDD', quantity: 2 }]),
    await place([{ sku: 'MUG-LAMBDA', quantity: 1 }]),
    await place([{ sku: 'BOOK-DDD', quantity: 1 }], 'tok_decline'),
    await place([{ sku: 'LAPTOP-PRO', quantity: 1 }]),
  ];
  await settle();
  const second = ids[1] ?? '';
  (await c.get(TOKENS.cancelOrder)({ orderId: second, reason: 'CUSTOMER_CANCELLED' }, ctx('c-1')))._unsafeUnwrap();
  await settle();

  // Every fact the run produced, in the form a target receives: the seeds malformed events are cut from.
  const samples: BusEventShape[] = system.adapters.outbox.committed().map((e) => busEvent(e));

  const snapshot = async () => {
    const orders = await Promise.all(ids.map(async (id) => (await system.adapters.orders.load(id))._unsafeUnwrap()));
    const payments = await Promise.all(
      ids.map(async (id) => (await system.adapters.payments.load(id))._unsafeUnwrap()),
    );
    const stock = (await system.adapters.stock.loadMany(Object.keys(STOCK) as never[]))._unsafeUnwrap();
    const holds = await Promise.all(ids.map(async (id) => (await system.adapters.stock.loadHold(id))._unsafeUnwrap()));
    return JSON.stringify({
      orders,
      payments,
      stock: [...stock.entries()],
      holds,
      events: system.adapters.outbox.committed().length,
      ledger: system.adapters.ledger().length,
      notifications: system.notifications.sent().length,
      analytics: system.analytics.facts().length,
    });
  };

  /** Cheap per-input check: any write appends events (outbox), charges (ledger) or notifies; `snapshot` is the full one. */
  const writes = () =>
    `${system.adapters.outbox.committed().length}/${system.adapters.ledger().length}/${system.notifications.sent().length}/${system.analytics.facts().length}`;

  // The same reactions the system wires (one Lambda each in AWS), behind the same Lambda adapters.
  const reactions = buildReactions(c);
  const sqsConsumers = queues.flatMap((q) =>
    q.consumer ? [{ queue: q, name: q.consumer.name, handle: sqsConsumer(reactions[q.consumer.name]) }] : [],
  );
  const functionTargets = [
    ...new Set(eventRules.flatMap((r) => (r.target.kind === 'function' ? [r.target.name] : []))),
  ].map((name: ConsumerName) => ({
    name,
    rules: eventRules.filter((r) => r.target.kind === 'function' && r.target.name === name),
    handle: eventBridgeConsumer(reactions[name]),
  }));
  return { system, scheduler, settle, snapshot, writes, samples, sqsConsumers, functionTargets };
};
export type ConsumerFuzzSystem = Awaited<ReturnType<typeof createConsumerFuzzSystem>>;

const isMalformed = (event: unknown) => fromEventBridgeEvent(event).isErr();

type Json = unknown;
const pathsOf = (value: Json, prefix: readonly (string | number)[] = []): (readonly (string | number)[])[] => {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
};
const setAt = (value: Json, path: readonly (string | number)[], replacement: Json | typeof DELETE): Json => {
  if (path.length === 0) return replacement === DELETE ? undefined : replacement;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, Json>;
  if (rest.length === 0 && replacement === DELETE) delete copy[head];
  else copy[head] = setAt(copy[head], rest, replacement);
  return copy;
};
const DELETE = Symbol('delete');

/**
 * A real event with one spot broken (a field replaced by a wrong type, huge number or unicode, or deleted), or
 * something that is not an event at all. Kept only when the envelope parser refuses it: a corruption that
 * still parses (say, another correlation id) is a valid event, not a malformed one.
 */
export const malformedEvent = (samples: readonly BusEventShape[], keepTopLevel = false): fc.Arbitrary<unknown> => {
  const top = keepTopLevel ? [] : [['source'], ['detail-type'], ['detail']];
  const seeds = samples.map((sample) => ({
    sample,
    paths: [...pathsOf(sample.detail).map((p) => ['detail', ...p]), ...top],
  }));
  const corrupted = fc.constantFrom(...seeds).chain(({ sample, paths }) => {
    return fc
      .record({
        path: fc.constantFrom(...paths),
        value: fc.oneof(
          fc.constant<Json | typeof DELETE>(DELETE),
          fc.jsonValue({ maxDepth: 2 }),
          awkwardString(),
          fc.constantFrom(1e308, -1, Number.MAX_SAFE_INTEGER + 2, 0.5, '', null, [], {}),
        ),
      })
      .map(({ path, value }) => setAt(sample, path, value));
  });
  const anything = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, null, 'OrderPlaced', []));
  const arb = keepTopLevel
    ? corrupted
    : fc.oneof({ weight: 4, arbitrary: corrupted }, { weight: 1, arbitrary: anything });
  return arb.filter(isMalformed);
};

// Characters SQS refuses in a body never reach a consumer, so bodies keep to the XML 1.0 set SQS accepts.
const SQS_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** An SQS message body that is not an EventBridge event of a known, well-formed type. */
export const malformedBody = (samples: readonly BusEventShape[]): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 4, arbitrary: malformedEvent(samples).map((e) => JSON.stringify(e) ?? 'undefined') },
      { weight: 2, arbitrary: invalidJsonText() },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 200_000 }).map((n) => 'x'.repeat(n)) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 50 }) },
    )
    .filter((b) => b.length > 0 && !SQS_INVALID.test(b))
    .filter((b) => {
      try {
        return isMalformed(JSON.parse(b));
      } catch {
        return true;
      }
    });
