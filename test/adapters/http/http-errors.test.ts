import { fc, test } from '@fast-check/vitest';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { errorBody, type HttpProblem, type HttpProblemKind, httpStatus } from '#adapters/lambda/http/http-errors.ts';
import { problem } from '#adapters/lambda/http/responses.ts';
import type { AppError } from '#app/errors.ts';
import type { OrderId } from '#domain/shared/ids.ts';

// Written out by hand on purpose: adding an AppError kind breaks this literal until the kind is listed here,
// and the table in http-errors.ts does not compile until it has a status.
const everyAppErrorKind: Record<AppError['kind'], true> = {
  OrderNotFound: true,
  OrderAlreadyExists: true,
  OrderNotEditable: true,
  OrderAlreadyCancelled: true,
  ApprovalNotPending: true,
  ApprovalRequired: true,
  CurrencyMismatch: true,
  InsufficientStock: true,
  PaymentDeclined: true,
  PaymentNotFound: true,
  PaymentNotCapturable: true,
  ValidationFailed: true,
  VersionConflict: true,
  Unavailable: true,
  Forbidden: true,
  IdempotencyKeyReused: true,
  RequestInProgress: true,
  ApprovalTimedOut: true,
};

describe('the status table', () => {
  it('covers exactly the AppError kinds plus the transport errors (type level)', () => {
    expectTypeOf<keyof typeof httpStatus>().toEqualTypeOf<HttpProblemKind>();
    expectTypeOf<AppError['kind']>().toExtend<keyof typeof httpStatus>();
  });

  it.each(Object.keys(everyAppErrorKind))('maps %s to a 4xx or a 5xx', (kind) => {
    const status = httpStatus[kind as AppError['kind']];
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
  });

  it('keeps the statuses clients rely on', () => {
    expect(httpStatus).toMatchObject({
      ValidationFailed: 400,
      Unauthenticated: 401,
      PaymentDeclined: 402,
      Forbidden: 403,
      OrderNotFound: 404,
      PaymentNotFound: 404,
      VersionConflict: 409,
      InsufficientStock: 409,
      PayloadTooLarge: 413,
      Unavailable: 503,
    });
    // Only a dependency outage is the server's fault; everything else is about the request.
    const serverSide = Object.entries(httpStatus).filter(([, s]) => s >= 500);
    expect(serverSide).toEqual([['Unavailable', 503]]);
  });
});

const text = fc.string({ maxLength: 40 });
const anyProblem: fc.Arbitrary<HttpProblem> = fc.oneof(
  fc.record({ kind: fc.constant('Unavailable' as const), dependency: text, message: text }),
  fc.record({ kind: fc.constant('Forbidden' as const), reason: text }),
  fc.record({ kind: fc.constant('VersionConflict' as const), id: text }),
  fc.record({ kind: fc.constant('PaymentDeclined' as const), orderId: text.map((s) => s as OrderId), reason: text }),
  fc.record({
    kind: fc.constant('ValidationFailed' as const),
    issues: fc.array(fc.record({ path: text, message: text }), { maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('PayloadTooLarge' as const), limitBytes: fc.nat() }),
  fc.constant({ kind: 'Unauthenticated' as const }),
);

describe('error bodies', () => {
  test.prop([anyProblem, fc.string({ minLength: 1, maxLength: 20 })])(
    'carry the kind, a message and (only for validation) the issues, never the error’s own fields',
    (e, correlationId) => {
      const res = problem(e, correlationId);
      const body = JSON.parse(res.body) as Record<string, unknown>;
      expect(res.statusCode).toBe(httpStatus[e.kind]);
      expect(Object.keys(body).sort()).toEqual(
        e.kind === 'ValidationFailed' ? ['error', 'issues', 'message'] : ['error', 'message'],
      );
      expect(body.error).toBe(e.kind);
      expect(res.headers?.['x-correlation-id']).toBe(correlationId);
    },
  );

  it('does not leak what a dependency said or why access was refused', () => {
    const secret = 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders is throttled';
    expect(JSON.stringify(errorBody({ kind: 'Unavailable', dependency: 'dynamodb', message: secret }))).not.toContain(
      'arn:aws',
    );
    expect(JSON.stringify(errorBody({ kind: 'Forbidden', reason: 'role check: roles=[]' }))).not.toContain(
      'role check',
    );
  });
});
