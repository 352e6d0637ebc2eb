import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { PaymentEvent } from '#domain/payment/payment.events.ts';
import * as Payment from '#domain/payment/payment.ts';
import { aPaymentCommand } from '#test/fixtures/arbitraries.ts';

const RUNS = { numRuns: 1_000 };

describe('Payment aggregate', () => {
  test.prop([fc.array(aPaymentCommand(), { maxLength: 40 })], RUNS)(
    'captured minus refunded is always 0 or the amount, never more',
    (commands) => {
      let state: Payment.PaymentState;
      for (const c of commands) {
        state = Payment.decide(c, state).match(
          (es) => es.reduce(Payment.evolve, state),
          () => state,
        );
        if (state) expect([0, state.amount.amount]).toContain(Payment.netCaptured(state).amount);
      }
    },
  );

  test.prop([fc.array(aPaymentCommand(), { maxLength: 40 })], RUNS)(
    'retried commands are idempotent and every event round-trips through its schema',
    (commands) => {
      let state: Payment.PaymentState;
      for (const c of commands) {
        const first = Payment.decide(c, state);
        if (first.isErr()) continue;
        for (const e of first.value) expect(PaymentEvent.parse(JSON.parse(JSON.stringify(e)))).toEqual(e);
        state = first.value.reduce(Payment.evolve, state);
        expect(
          Payment.decide(c, state)
            .map((es) => es.length)
            .unwrapOr(0),
        ).toBe(0);
      }
    },
  );

  test.prop([fc.array(aPaymentCommand(), { maxLength: 40 })], RUNS)(
    'money moves only along authorize → capture | void, capture → refund',
    (commands) => {
      const legal = new Set(['AUTHORIZED>CAPTURED', 'AUTHORIZED>VOIDED', 'CAPTURED>REFUNDED']);
      let state: Payment.PaymentState;
      for (const c of commands) {
        const next = Payment.decide(c, state).match(
          (es) => es.reduce(Payment.evolve, state),
          () => state,
        );
        if (state && next && state.status !== next.status)
          expect(legal.has(`${state.status}>${next.status}`)).toBe(true);
        state = next;
      }
    },
  );
});
