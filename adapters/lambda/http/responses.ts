import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { errorBody, type HttpProblem, statusOf } from './http-errors.ts';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & Readonly<{ statusCode: number; body: string }>;

export type Reply = Readonly<{ status: number; body: unknown; headers?: Readonly<Record<string, string>> }>;

export const CORRELATION_HEADER = 'x-correlation-id';

/** JSON with its content type and the correlation id echoed, so a client can quote it in a support ticket. */
export const json = (
  status: number,
  body: unknown,
  correlationId: string,
  headers: Readonly<Record<string, string>> = {},
): HttpResponse => ({
  statusCode: status,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    [CORRELATION_HEADER]: correlationId,
    ...headers,
  },
  body: JSON.stringify(body),
});

export const reply = (r: Reply, correlationId: string): HttpResponse =>
  json(r.status, r.body, correlationId, r.headers);

/** The error body is `{ error, message, issues? }` built from the kind, never the raw error or its cause. */
export const problem = (e: HttpProblem, correlationId: string): HttpResponse =>
  json(statusOf(e), errorBody(e), correlationId);
