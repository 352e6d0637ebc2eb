import { z } from 'zod';
import { ChunkRow } from '#app/imports/import-chunk.ts';
import type { PlacedRow, PlaceImportedOrder } from '#app/imports/place-imported-order.ts';
import { SagaTaskError } from './saga-task.ts';

/** What the import-chunk Map hands each iteration (its ItemSelector). */
export const PlaceImportedOrderTaskInput = z.object({
  importId: z.string().min(1),
  meta: z.object({ correlationId: z.string().min(1), causationId: z.string().min(1) }),
  row: ChunkRow,
});

/**
 * The PlaceImportedOrder task: a rejected row throws RowRejected with the reason as message (the ASL catches it
 * into `{ row, reason }`); a transient failure throws its kind, which the ASL retries; a bad input is a bug
 * (ValidationFailed, neither caught nor retried: the run fails and the chunk's message is retried, then kept).
 */
export const placeImportedOrderTask =
  (placeImportedOrder: PlaceImportedOrder) =>
  async (raw: unknown): Promise<PlacedRow> => {
    const parsed = PlaceImportedOrderTaskInput.safeParse(raw);
    if (!parsed.success) throw new SagaTaskError('ValidationFailed', z.prettifyError(parsed.error));
    const { importId, meta, row } = parsed.data;
    const result = await placeImportedOrder({ importId, row }, meta);
    if (result.isOk()) return result.value;
    const e = result.error;
    throw e.kind === 'RowRejected'
      ? new SagaTaskError('RowRejected', e.reason)
      : new SagaTaskError(e.kind, JSON.stringify(e));
  };
