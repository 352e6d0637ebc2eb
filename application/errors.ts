import type { StockError } from '#domain/inventory/stock.errors.ts';
import type { OrderError } from '#domain/order/order.errors.ts';
import type { PaymentError } from '#domain/payment/payment.errors.ts';
import type { ValidationFailed } from '#domain/shared/validation.ts';

export type VersionConflict = Readonly<{ kind: 'VersionConflict'; id: string }>;
export type Unavailable = Readonly<{ kind: 'Unavailable'; dependency: string; message: string }>;
export type Forbidden = Readonly<{ kind: 'Forbidden'; reason: string }>;
export type IdempotencyKeyReused = Readonly<{ kind: 'IdempotencyKeyReused'; key: string }>;
export type RequestInProgress = Readonly<{ kind: 'RequestInProgress'; key: string }>;
export type ApprovalTimedOut = Readonly<{ kind: 'ApprovalTimedOut'; orderId: string }>;

export type AppError =
  | OrderError
  | StockError
  | PaymentError
  | ValidationFailed
  | VersionConflict
  | Unavailable
  | Forbidden
  | IdempotencyKeyReused
  | RequestInProgress
  | ApprovalTimedOut;

export type AppErrorKind = AppError['kind'];

export const unavailable = (dependency: string, cause: unknown): Unavailable => ({
  kind: 'Unavailable',
  dependency,
  message: cause instanceof Error ? cause.message : String(cause),
});

/** Failures worth retrying: the same call may succeed later. Everything else is a business outcome. */
export const isTransient = (e: AppError): boolean => e.kind === 'Unavailable' || e.kind === 'VersionConflict';
