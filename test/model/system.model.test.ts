import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { available } from '#domain/inventory/stock-item.ts';
import { runScenario, type ScenarioOutcome } from './run-scenario.ts';
import { aFaultPlan, aScenario, MODES, type Scenario, SEED_STOCK, withoutContention } from './scenario.ts';

/** CI runs this many scenarios per property; `npm run soak` raises it (ORDERLY_SCENARIOS). */
const RUNS = Number(process.env.ORDERLY_SCENARIOS ?? 150);

const checkInvariants = (s: Scenario, out: ScenarioOutcome, poison: number) => {
  const confirmedQty = new Map<string, number>();
  for (const [i, order] of out.orders.entries()) {
    if (!order) continue; // placing was refused (e.g. unknown input); nothing may exist for it
    const decision = s.orders[i]?.decision;
    expect(['CONFIRMED', 'CANCELLED', 'AWAITING_APPROVAL']).toContain(order.status);
    // Awaiting approval only while no decision (nor a cancel) was accepted for it.
    if (order.status === 'AWAITING_APPROVAL') expect(decision !== 'address' && out.accepted[i]).toBe(false);
    const payment = out.payments[i];
    const net = payment ? payment.captured - payment.refunded : 0;
    if (order.status === 'CONFIRMED') {
      expect(net).toBe(order.total.amount);
      for (const l of order.lines) confirmedQty.set(l.sku, (confirmedQty.get(l.sku) ?? 0) + l.quantity);
    } else {
      expect(net).toBe(0);
    }
    if (order.status === 'AWAITING_APPROVAL') expect(payment?.status).toBe('AUTHORIZED');
    // Nothing charged, voided or refunded twice for one order.
    for (const op of ['authorize', 'capture', 'void', 'refund']) {
      expect(
        out.ledger.filter((e) => e.operation === op && e.idempotencyKey === `${op}#${order.id}`).length,
      ).toBeLessThanOrEqual(1);
    }
  }
  for (const [sku, seed] of Object.entries(SEED_STOCK)) {
    const item = out.stock.get(sku as never)?.state;
    expect(item && available(item)).toBeGreaterThanOrEqual(0);
    expect(item?.onHand).toBe(seed - (confirmedQty.get(sku) ?? 0));
    for (const orderId of Object.keys(item?.reserved ?? {})) {
      expect(out.orders.find((o) => o?.id === orderId)?.status).toBe('AWAITING_APPROVAL');
    }
  }
  // Every event was processed or sits in a DLQ with its reason: after the redrive only poison is left.
  expect(out.dlq.length).toBe(poison);
  for (const m of out.dlq) expect(m.deadLetter?.reason).toBe('maxReceiveCountExceeded');
};

describe.each(MODES)('the whole system under faults (%s)', (mode) => {
  it('keeps orders, stock and money consistent and loses nothing', async () => {
    await fc.assert(
      fc.asyncProperty(aScenario(), fc.integer({ min: 0, max: 2 }), async (scenario, poison) => {
        checkInvariants(scenario, await runScenario(mode, scenario, { poison }), poison);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('orchestration and choreography agree', () => {
  const summary = (out: ScenarioOutcome) => ({
    orders: out.orders.map((o) => o && { status: o.status, reason: o.cancellationReason }),
    payments: out.payments.map((p) => p?.status ?? 'NONE'),
    stock: Object.keys(SEED_STOCK).map((sku) => out.stock.get(sku as never)?.state.onHand),
  });
  it('ends every generated scenario in identical order states, stock and payments', async () => {
    await fc.assert(
      fc.asyncProperty(aScenario(aFaultPlan()).filter(withoutContention), async (scenario) => {
        // Decisions come once both flows recovered from the faults, so both meet every order in the same state.
        const run = (mode: (typeof MODES)[number]) => runScenario(mode, scenario, { decideAfterRecovery: true });
        const [a, b] = [await run('orchestration'), await run('choreography')];
        expect(summary(b)).toEqual(summary(a));
      }),
      { numRuns: Math.max(20, Math.floor(RUNS / 2)) },
    );
  });
});
