import fc from 'fast-check';
import type { SqsBatchHandler } from '#adapters/memory/engines/event-source-mapping.ts';
import { withFaults } from '#adapters/memory/faulty.ts';
import type { LocalFaults } from '#infra/local/system.ts';
import type { OrderFlowMode } from '#infra/topology/names.ts';

export const SEED_STOCK: Record<string, number> = {
  'BOOK-DDD': 6,
  'MUG-LAMBDA': 8,
  'LAPTOP-PRO': 3,
  'LIMITED-PRINT': 2,
};
const SKUS = Object.keys(SEED_STOCK);

export type Decision = 'none' | 'approve' | 'reject' | 'cancel' | 'address';
export type ScenarioOrder = Readonly<{
  customer: string;
  lines: readonly { sku: string; quantity: number }[];
  token: 'tok_visa' | 'tok_decline';
  decision: Decision;
}>;
export type FaultPlan = Readonly<{
  seed: number;
  portFailure: number;
  lostAck: number;
  duplicate: number;
  maxDelayMs: number;
  /** At most this many port faults in the whole run: few enough that every retry budget absorbs them. */
  maxPortFaults?: number;
}>;
export type Scenario = Readonly<{ orders: readonly ScenarioOrder[]; faults: FaultPlan }>;

const anOrder = fc.record({
  customer: fc.constantFrom('c-1', 'c-2'),
  lines: fc.uniqueArray(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 3 }) }), {
    minLength: 1,
    maxLength: 2,
    selector: (l) => l.sku,
  }),
  token: fc.constantFrom('tok_visa' as const, 'tok_visa' as const, 'tok_decline' as const),
  decision: fc.constantFrom<Decision>('none', 'approve', 'reject', 'cancel', 'address'),
});

export const aFaultPlan = (enabled = true): fc.Arbitrary<FaultPlan> =>
  fc.record({
    seed: fc.integer(),
    portFailure: enabled ? fc.constantFrom(0, 0.05, 0.15) : fc.constant(0),
    lostAck: enabled ? fc.constantFrom(0, 0.05, 0.1) : fc.constant(0),
    duplicate: enabled ? fc.constantFrom(0, 0.1, 0.3) : fc.constant(0),
    maxDelayMs: enabled ? fc.constantFrom(0, 50, 2_000) : fc.constant(0),
  });

export const aScenario = (faults = aFaultPlan()): fc.Arbitrary<Scenario> =>
  fc.record({ orders: fc.array(anOrder, { minLength: 1, maxLength: 6 }), faults });

/** No SKU is asked for more than it has, across all orders but one greedy line: outcomes cannot depend on timing. */
export const withoutContention = (s: Scenario): boolean => {
  const demand = new Map<string, number>();
  for (const o of s.orders) for (const l of o.lines) demand.set(l.sku, (demand.get(l.sku) ?? 0) + l.quantity);
  return [...demand].every(([sku, q]) => q <= (SEED_STOCK[sku] ?? 0));
};

const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

/**
 * Seeded faults: a port call times out or loses its answer (each distinct call at most once, so retries
 * always get through eventually: the faults are transient), a rule delivers twice or late, and a consumer
 * does its work but its acknowledgement is lost (the queue redelivers).
 */
export const faultsFrom = (plan: FaultPlan, scheduleLater: (ms: number, fn: () => void) => void) => {
  const random = mulberry32(plan.seed);
  const failedOnce = new Set<string>();
  let enabled = true;
  const roll = (p: number) => enabled && p > 0 && random() < p;
  const faults: LocalFaults = {
    port: (name, port) =>
      withFaults(name, port, (key, phase) => {
        const k = `${phase}:${key}`;
        if (failedOnce.size >= (plan.maxPortFaults ?? Number.POSITIVE_INFINITY)) return false;
        if (failedOnce.has(k) || !roll(phase === 'before' ? plan.portFailure : plan.lostAck)) return false;
        failedOnce.add(k);
        return true;
      }),
    delivery: (_, invoke) => async (event) => {
      if (roll(plan.duplicate))
        scheduleLater(Math.floor(random() * (plan.maxDelayMs + 1)), () => void invoke(event).catch(() => {}));
      await invoke(event);
    },
    consumer: (_, handler: SqsBatchHandler) => async (event) => {
      const response = (await handler(event)) as { batchItemFailures?: { itemIdentifier: string }[] } | undefined;
      const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      for (const r of event.Records) if (!failed.has(r.messageId) && roll(plan.lostAck)) failed.add(r.messageId);
      return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
    },
  };
  const stop = () => {
    enabled = false;
  };
  return { faults, stop };
};

export const MODES: readonly OrderFlowMode[] = ['orchestration', 'choreography'];
