import type { AppError } from '#app/errors.ts';
import type { FieldIssue } from '#domain/shared/validation.ts';

/** Failures of the HTTP transport itself, before any use case runs. */
export type PayloadTooLarge = Readonly<{ kind: 'PayloadTooLarge'; limitBytes: number }>;
export type Unauthenticated = Readonly<{ kind: 'Unauthenticated' }>;
export type TransportError = PayloadTooLarge | Unauthenticated;

/** Everything a route can answer with instead of a success. */
export type HttpProblem = AppError | TransportError;
export type HttpProblemKind = HttpProblem['kind'];

/**
 * ONE table from error kind to status. It is a Record over every kind, so a new AppError kind does not
 * compile until it has a status here.
 */
export const httpStatus: Readonly<Record<HttpProblemKind, number>> = {
  ValidationFailed: 400,
  Unauthenticated: 401,
  PaymentDeclined: 402,
  Forbidden: 403,
  OrderNotFound: 404,
  PaymentNotFound: 404,
  OrderAlreadyExists: 409,
  OrderNotEditable: 409,
  OrderAlreadyCancelled: 409,
  ApprovalNotPending: 409,
  ApprovalRequired: 409,
  ApprovalTimedOut: 409,
  InsufficientStock: 409,
  PaymentNotCapturable: 409,
  VersionConflict: 409,
  RequestInProgress: 409,
  PayloadTooLarge: 413,
  IdempotencyKeyReused: 422,
  CurrencyMismatch: 422,
  Unavailable: 503,
};

type Describe = { [K in HttpProblemKind]: (e: Extract<HttpProblem, { kind: K }>) => string };

// Messages are written for clients: ids they already know, never causes, SDK messages or stack traces.
const describe: Describe = {
  ValidationFailed: () => 'the request is not valid',
  Unauthenticated: () => 'the request carries no verified identity',
  PaymentDeclined: (e) => `the payment for order ${e.orderId} was declined`,
  Forbidden: () => 'you are not allowed to do this',
  OrderNotFound: (e) => `order ${e.orderId} was not found`,
  PaymentNotFound: (e) => `no payment was found for order ${e.orderId}`,
  OrderAlreadyExists: (e) => `order ${e.orderId} already exists`,
  OrderNotEditable: (e) => `order ${e.orderId} is ${e.status} and can no longer be changed`,
  OrderAlreadyCancelled: (e) => `order ${e.orderId} is already cancelled`,
  ApprovalNotPending: (e) => `order ${e.orderId} is ${e.status} and is not waiting for an approval`,
  ApprovalRequired: (e) => `order ${e.orderId} needs an approval first`,
  ApprovalTimedOut: (e) => `the approval of order ${e.orderId} timed out`,
  InsufficientStock: (e) => `not enough stock for order ${e.orderId}`,
  PaymentNotCapturable: (e) => `the payment for order ${e.orderId} cannot be captured`,
  VersionConflict: () => 'the resource changed while the request ran; retry it',
  RequestInProgress: () => 'a request with this Idempotency-Key is still in progress; retry later',
  PayloadTooLarge: (e) => `the body is larger than ${e.limitBytes} bytes`,
  IdempotencyKeyReused: () => 'this Idempotency-Key was already used with another request body',
  CurrencyMismatch: () => 'the items of this order are priced in different currencies',
  Unavailable: () => 'a dependency is unavailable; retry later',
};

export type ErrorBody = Readonly<{ error: HttpProblemKind; message: string; issues?: readonly FieldIssue[] }>;

export const statusOf = (e: HttpProblem): number => httpStatus[e.kind];

export const errorBody = (e: HttpProblem): ErrorBody => {
  const message = (describe[e.kind] as (e: HttpProblem) => string)(e);
  return e.kind === 'ValidationFailed' ? { error: e.kind, message, issues: e.issues } : { error: e.kind, message };
};
