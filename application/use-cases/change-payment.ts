import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import type { PaymentCommand } from '#domain/payment/payment.commands.ts';
import * as Payment from '#domain/payment/payment.ts';
import type { CommandContext } from '../context.ts';
import type { Envelopes } from '../envelopes.ts';
import type { AppError } from '../errors.ts';
import type { Pause } from '../ports/pause.ts';
import type { PaymentRepository } from '../ports/payment-repository.ts';
import { retryOnConflict } from '../retry-on-conflict.ts';

export type ChangePaymentDeps = Readonly<{ payments: PaymentRepository; envelopes: Envelopes; pause: Pause }>;

/**
 * load → decide → (the processor call, only when the domain says something changes) → save.
 * The processor call is idempotent by key, so a crash between it and the save is repaired by the retry.
 */
export const changePayment =
  ({ payments, envelopes, pause }: ChangePaymentDeps) =>
  (
    orderId: string,
    command: (current: Payment.PaymentState) => ResultAsync<PaymentCommand, AppError>,
    processor: (current: Payment.PaymentState, command: PaymentCommand) => ResultAsync<void, AppError>,
    ctx: CommandContext,
  ): ResultAsync<Payment.PaymentState, AppError> =>
    retryOnConflict(
      () =>
        payments.load(orderId).andThen((found) =>
          command(found?.state).andThen((cmd) => {
            const decided = Payment.decide(cmd, found?.state);
            if (decided.isErr())
              return errAsync<Payment.PaymentState, AppError>({ ...decided.error, orderId } as AppError);
            const events = decided.value;
            if (events.length === 0) return okAsync<Payment.PaymentState, AppError>(found?.state);
            const next = events.reduce(Payment.evolve, found?.state);
            return processor(found?.state, cmd)
              .andThen(() =>
                payments.save(next!, { expectedVersion: found?.version ?? 0, events: envelopes(ctx, events) }),
              )
              .map(() => next);
          }),
        ),
      { pause, jitterKey: ctx.causationId },
    );
