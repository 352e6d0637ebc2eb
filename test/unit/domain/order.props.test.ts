import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { OrderEvent } from '#domain/order/order.events.ts';
import * as Order from '#domain/order/order.ts';
import { anOrderCommand, somePlaceOrder } from '#test/fixtures/arbitraries.ts';

const RUNS = { numRuns: 1_000 };

/** Every status change the lifecycle allows: PENDING → (AWAITING_APPROVAL) → CONFIRMED | CANCELLED; CONFIRMED → CANCELLED. */
const LEGAL = new Set([
  'PENDING>AWAITING_APPROVAL',
  'PENDING>CONFIRMED',
  'PENDING>CANCELLED',
  'AWAITING_APPROVAL>CONFIRMED',
  'AWAITING_APPROVAL>CANCELLED',
  'CONFIRMED>CANCELLED',
]);

const run = (commands: readonly Parameters<typeof Order.decide>[0][]) => {
  let state: Order.OrderState;
  const trace: { state: Order.OrderState; events: Order.OrderState[] }[] = [];
  const events: unknown[] = [];
  for (const c of commands) {
    const result = Order.decide(c, state);
    if (result.isOk()) {
      events.push(...result.value);
      const next = result.value.reduce(Order.evolve, state);
      trace.push({ state, events: [next] });
      state = next;
    }
  }
  return { state, trace, events };
};

describe('Order aggregate', () => {
  test.prop([somePlaceOrder(), fc.array(anOrderCommand(), { maxLength: 30 })], RUNS)(
    'only legal lifecycle transitions, whatever the command sequence',
    (place, commands) => {
      const { trace } = run([place, ...commands]);
      for (const step of trace) {
        const [next] = step.events;
        if (step.state && next && step.state.status !== next.status) {
          expect(LEGAL.has(`${step.state.status}>${next.status}`)).toBe(true);
        }
      }
    },
  );

  test.prop([somePlaceOrder(), fc.array(anOrderCommand(), { maxLength: 30 })], RUNS)(
    'a command applied twice in a row yields nothing new the second time (retries are idempotent)',
    (place, commands) => {
      let state = Order.evolve(undefined, Order.decide(place, undefined)._unsafeUnwrap()[0]!);
      for (const c of commands) {
        const first = Order.decide(c, state);
        if (first.isErr()) continue;
        state = first.value.reduce(Order.evolve, state);
        const again = Order.decide(c, state);
        // A retried command either changes nothing or is refused; it never emits a second fact.
        if (again.isOk() && c.type !== 'ChangeShippingAddress') expect(again.value).toEqual([]);
      }
    },
  );

  test.prop([somePlaceOrder(), fc.array(anOrderCommand(), { maxLength: 30 })], RUNS)(
    'every event round-trips through its zod schema and JSON',
    (place, commands) => {
      for (const e of run([place, ...commands]).events) {
        const parsed = OrderEvent.parse(JSON.parse(JSON.stringify(e)));
        expect(parsed).toEqual(e);
      }
    },
  );

  test.prop([somePlaceOrder(), fc.array(anOrderCommand(), { maxLength: 30 })], RUNS)(
    'the total is the sum of the lines, and the address changes only before confirmation',
    (place, commands) => {
      const { state, trace } = run([place, ...commands]);
      if (!state) return;
      const sum = state.lines.reduce((a, l) => a + l.quantity * l.unitPrice.amount, 0);
      expect(state.total.amount).toBe(sum);
      for (const step of trace) {
        const [next] = step.events;
        if (step.state && next && step.state.shippingAddress !== next.shippingAddress) {
          expect(['PENDING', 'AWAITING_APPROVAL']).toContain(step.state.status);
        }
      }
    },
  );

  test.prop([somePlaceOrder()], RUNS)('approval is required exactly when the total reaches the threshold', (place) => {
    const placed = Order.decide(place, undefined)._unsafeUnwrap()[0];
    if (placed?.type !== 'OrderPlaced') throw new Error('expected OrderPlaced');
    expect(placed.approvalRequired).toBe(placed.total.amount >= place.approvalThreshold);
  });

  test.prop([somePlaceOrder()], { numRuns: 200 })(
    'a confirmed order cannot be edited, and cancelling it says so',
    (place) => {
      const state = [place, { type: 'RequestApproval' as const }].reduce<Order.OrderState>(
        (s, c) =>
          Order.decide(c, s).match(
            (es) => es.reduce(Order.evolve, s),
            () => s,
          ),
        undefined,
      );
      const approved = Order.decide({ type: 'DecideApproval', decision: 'approve', decidedBy: 'a' }, state).match(
        (es) => es.reduce(Order.evolve, state),
        () => state,
      );
      const confirmed = Order.apply({ type: 'ConfirmOrder', at: 'x' }, approved)._unsafeUnwrap().state;
      expect(confirmed?.status).toBe('CONFIRMED');
      const edit = Order.decide({ type: 'ChangeShippingAddress', shippingAddress: place.shippingAddress }, confirmed);
      expect(edit._unsafeUnwrapErr().kind).toBe('OrderNotEditable');
      const cancel = Order.decide(
        { type: 'CancelOrder', reason: 'CUSTOMER_CANCELLED', at: 'x' },
        confirmed,
      )._unsafeUnwrap();
      expect(cancel).toMatchObject([{ type: 'OrderCancelled', previousStatus: 'CONFIRMED' }]);
    },
  );
});
