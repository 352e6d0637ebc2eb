import { beforeEach, describe, expect, it } from 'vitest';
import type { PaymentRepository } from '#app/ports/payment-repository.ts';
import type { Payment } from '#domain/payment/payment.ts';
import { anEnvelope, type RepositoryHarness } from './harness.ts';

const payment = (orderId: string, status: Payment['status'] = 'AUTHORIZED'): Payment => ({
  orderId: orderId as never,
  amount: { amount: 1999, currency: 'EUR' },
  status,
  reference: `auth_${orderId}`,
  captured: status === 'CAPTURED' ? 1999 : 0,
  refunded: 0,
});

export const paymentRepositoryContract = (name: string, make: () => Promise<RepositoryHarness<PaymentRepository>>) =>
  describe(`PaymentRepository contract (${name})`, () => {
    let harness: RepositoryHarness<PaymentRepository>;
    beforeEach(async () => {
      harness = await make();
    });

    it('saves, loads and versions a payment with its events', async () => {
      const repo = harness.port;
      expect((await repo.load('o-1'))._unsafeUnwrap()).toBeUndefined();
      expect(
        (await repo.save(payment('o-1'), { expectedVersion: 0, events: [anEnvelope('o-1')] }))._unsafeUnwrap(),
      ).toBe(1);
      expect((await repo.save(payment('o-1', 'CAPTURED'), { expectedVersion: 1, events: [] }))._unsafeUnwrap()).toBe(2);
      expect((await repo.load('o-1'))._unsafeUnwrap()).toEqual({ state: payment('o-1', 'CAPTURED'), version: 2 });
      expect(await harness.committedEvents()).toHaveLength(1);
    });

    it('refuses a second create and a stale update', async () => {
      const repo = harness.port;
      await repo.save(payment('o-2'), { expectedVersion: 0, events: [] });
      expect(
        (await repo.save(payment('o-2'), { expectedVersion: 0, events: [anEnvelope('o-2')] }))._unsafeUnwrapErr().kind,
      ).toBe('VersionConflict');
      expect((await repo.save(payment('o-2'), { expectedVersion: 3, events: [] }))._unsafeUnwrapErr().kind).toBe(
        'VersionConflict',
      );
      expect(await harness.committedEvents()).toHaveLength(0);
    });
  });
