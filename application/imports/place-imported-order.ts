import { errAsync, type ResultAsync } from 'neverthrow';
import type { CommandContext } from '../context.ts';
import { type AppError, isTransient } from '../errors.ts';
import type { PlaceOrder } from '../use-cases/place-order.ts';
import type { ChunkRow } from './import-chunk.ts';
import { orderRequestOf, rejectionReason } from './import-row.ts';

/** A row that will never become an order, whatever the retries: reported, never retried. */
export type RowRejected = Readonly<{ kind: 'RowRejected'; row: number; reason: string }>;
export const rowRejected = (row: number, reason: string): RowRejected => ({ kind: 'RowRejected', row, reason });

export type PlacedRow = Readonly<{ row: number; orderId: string }>;

export type PlaceImportedOrderInput = Readonly<{ importId: string; row: ChunkRow }>;

/** Places one row's order, or says why not: RowRejected for the row's own faults, a transient error otherwise. */
export type PlaceImportedOrder = (
  input: PlaceImportedOrderInput,
  ctx: Pick<CommandContext, 'correlationId'>,
) => ResultAsync<PlacedRow, RowRejected | AppError>;

/** Worth another attempt: the same row may succeed later (RequestInProgress: a twin attempt holds the key). */
export const isRetryableRowError = (e: RowRejected | AppError): boolean =>
  e.kind !== 'RowRejected' && (isTransient(e) || e.kind === 'RequestInProgress');

/**
 * One row through the ordinary PlaceOrder use case, on behalf of the row's customer, with the Idempotency-Key
 * `${importId}#${row}`: a redelivered chunk, a retried task or a second run of the whole file finds the order
 * placed the first time and never places a twin.
 */
export const createPlaceImportedOrder =
  ({ placeOrder }: { placeOrder: PlaceOrder }): PlaceImportedOrder =>
  ({ importId, row }, { correlationId }) => {
    if ('error' in row) return errAsync(rowRejected(row.row, row.error));
    const request = orderRequestOf(row.fields);
    if (request.isErr()) return errAsync(rowRejected(row.row, request.error));
    const key = `${importId}#${row.row}`;
    const ctx: CommandContext = {
      correlationId,
      causationId: `import:${key}`,
      actor: { customerId: request.value.customerId, roles: [] },
    };
    return placeOrder(request.value.body, ctx, key)
      .map((order) => ({ row: row.row, orderId: order.id }))
      .mapErr((e) => (isRetryableRowError(e) ? e : rowRejected(row.row, rejectionReason(e, row.fields))));
  };
