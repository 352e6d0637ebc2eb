import { expect } from 'vitest';
import { available } from '#domain/inventory/stock-item.ts';
import type { ScenarioOutcome } from './run-scenario.ts';
import { type Scenario, SEED_STOCK } from './scenario.ts';

const HOLD_STATUSES: Readonly<Record<string, readonly (string | undefined)[]>> = {
  AWAITING_APPROVAL: ['RESERVED'],
  CONFIRMED: ['COMMITTED'],
  CANCELLED: [undefined, 'RELEASED', 'RESTOCKED'],
};

/**
 * What must hold after any scenario, faults and all (shared by the model test and `npm run soak`): every order
 * terminal or awaiting approval, money = total for confirmed orders and 0 otherwise, nothing charged twice,
 * stock = seed − confirmed, every order's hold agreeing with its state (reservations only for orders awaiting
 * approval), and only poison left in the DLQ.
 */
export const checkInvariants = (s: Scenario, out: ScenarioOutcome, poison: number) => {
  const confirmedQty = new Map<string, number>();
  const reservedQty = new Map<string, number>();
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
    // The order's stock hold agrees with its state: reserved while awaiting approval, committed once confirmed,
    // never held (absent, released or restocked) once cancelled.
    const hold = out.holds[i];
    expect(HOLD_STATUSES[order.status]).toContain(hold?.status);
    if (hold?.status === 'RESERVED') {
      for (const l of hold.lines) reservedQty.set(l.sku, (reservedQty.get(l.sku) ?? 0) + l.quantity);
    }
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
    // Reserved units are exactly what the orders awaiting approval hold.
    expect(item?.reserved).toBe(reservedQty.get(sku) ?? 0);
  }
  // Every event was processed or sits in a DLQ with its reason: after the redrive only poison is left.
  expect(out.dlq.length).toBe(poison);
  for (const m of out.dlq) expect(m.deadLetter?.reason).toBe('maxReceiveCountExceeded');
};
