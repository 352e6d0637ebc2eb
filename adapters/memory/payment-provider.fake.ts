import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { Unavailable } from '#app/errors.ts';
import type { PaymentProvider } from '#app/ports/payment-provider.ts';
import type { AuthorizationOutcome } from '#domain/payment/payment.commands.ts';

export type LedgerEntry = Readonly<{
  operation: 'authorize' | 'capture' | 'void' | 'refund';
  idempotencyKey: string;
  amount: number;
}>;

export type FakePaymentProviderOptions = Readonly<{
  /** Tokens the processor always declines (default: tok_decline). */
  declinedTokens?: readonly string[];
  /** Fails the next call with Unavailable when it returns true: transient faults on demand. */
  failNext?: (operation: LedgerEntry['operation']) => boolean;
}>;

/**
 * A card processor with deterministic outcomes: `tok_decline` is declined, any other `tok_` token is approved.
 * It honours idempotency keys the way real processors do, so its ledger shows whether anything was charged twice.
 */
export const createFakePaymentProvider = (options: FakePaymentProviderOptions = {}) => {
  const declined = new Set(options.declinedTokens ?? ['tok_decline']);
  const ledger: LedgerEntry[] = [];
  const done = new Set<string>(); // idempotency keys of captures, voids and refunds already made
  const answers = new Map<string, AuthorizationOutcome>();
  const fault = (operation: LedgerEntry['operation']): Unavailable | undefined =>
    options.failNext?.(operation)
      ? { kind: 'Unavailable', dependency: 'payment-provider', message: `${operation} timed out` }
      : undefined;

  const once = (entry: LedgerEntry): ResultAsync<void, Unavailable> => {
    const failure = fault(entry.operation);
    if (failure) return errAsync(failure);
    if (!done.has(entry.idempotencyKey)) {
      done.add(entry.idempotencyKey);
      ledger.push(entry);
    }
    return okAsync(undefined);
  };

  const provider: PaymentProvider = {
    authorize: ({ idempotencyKey, amount, paymentToken }) => {
      const failure = fault('authorize');
      if (failure) return errAsync(failure);
      const known = answers.get(idempotencyKey);
      if (known) return okAsync(known);
      const answer: AuthorizationOutcome =
        declined.has(paymentToken) || !paymentToken.startsWith('tok_')
          ? { outcome: 'declined', reason: 'card_declined' }
          : { outcome: 'approved', reference: `auth_${idempotencyKey}` };
      answers.set(idempotencyKey, answer);
      if (answer.outcome === 'approved') ledger.push({ operation: 'authorize', idempotencyKey, amount: amount.amount });
      return okAsync(answer);
    },
    capture: ({ idempotencyKey, amount }) => once({ operation: 'capture', idempotencyKey, amount: amount.amount }),
    void: ({ idempotencyKey }) => once({ operation: 'void', idempotencyKey, amount: 0 }),
    refund: ({ idempotencyKey, amount }) => once({ operation: 'refund', idempotencyKey, amount: amount.amount }),
  };
  return { provider, ledger: (): readonly LedgerEntry[] => [...ledger] };
};
