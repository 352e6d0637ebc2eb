import type { ResultAsync } from 'neverthrow';
import { z } from 'zod';
import type { CommandContext } from '#app/context.ts';
import type { AppError } from '#app/errors.ts';

/** What every saga Task receives (the state's Parameters): the order, the correlation, sometimes a reason or token. */
export const SagaTaskInput = z.object({
  orderId: z.string().min(1),
  meta: z.object({ correlationId: z.string().min(1), causationId: z.string().min(1) }),
  reason: z.string().optional(),
  taskToken: z.string().optional(),
});
export type SagaTaskInput = z.infer<typeof SagaTaskInput>;

/** Step Functions matches Retry and Catch on the error name, so the name is the error kind. */
export class SagaTaskError extends Error {
  constructor(kind: string, message: string) {
    super(message);
    this.name = kind;
  }
}

/**
 * A saga Task is a thin adapter over one use case: parse the input, run, and turn an error value into the one
 * throw Step Functions understands (name = kind, e.g. InsufficientStock, which the ASL's Catch routes).
 */
export const sagaTask =
  (run: (input: SagaTaskInput, ctx: CommandContext) => ResultAsync<unknown, AppError>) =>
  async (raw: unknown): Promise<{ orderId: string }> => {
    const parsed = SagaTaskInput.safeParse(raw);
    if (!parsed.success) throw new SagaTaskError('ValidationFailed', z.prettifyError(parsed.error));
    const input = parsed.data;
    const ctx: CommandContext = { correlationId: input.meta.correlationId, causationId: input.meta.causationId };
    const result = await run(input, ctx);
    if (result.isErr()) throw new SagaTaskError(result.error.kind, JSON.stringify(result.error));
    return { orderId: input.orderId };
  };
