import type { ResultAsync } from 'neverthrow';
import type { AuthorizationOutcome } from '#domain/payment/payment.commands.ts';
import type { Money } from '#domain/shared/money.ts';
import type { Unavailable } from '../errors.ts';

/**
 * The card processor. Every call carries an idempotency key, as real processors accept, so a retried
 * call after a crash or a lost answer never charges twice.
 */
export type PaymentProvider = Readonly<{
  authorize: (
    request: Readonly<{ idempotencyKey: string; amount: Money; paymentToken: string }>,
  ) => ResultAsync<AuthorizationOutcome, Unavailable>;
  capture: (
    request: Readonly<{ idempotencyKey: string; reference: string; amount: Money }>,
  ) => ResultAsync<void, Unavailable>;
  void: (request: Readonly<{ idempotencyKey: string; reference: string }>) => ResultAsync<void, Unavailable>;
  refund: (
    request: Readonly<{ idempotencyKey: string; reference: string; amount: Money }>,
  ) => ResultAsync<void, Unavailable>;
}>;
