import type { APIGatewayProxyEventV2WithLambdaAuthorizer } from 'aws-lambda';
import { err, ok, type Result } from 'neverthrow';
import type { CommandContext } from '#app/context.ts';
import { type ValidationFailed, validationFailed } from '#domain/shared/validation.ts';
import { type AuthorizerContext, actorFromAuthorizerContext } from '../auth/authorizer-context.ts';
import type { HttpProblem } from './http-errors.ts';

/** An HTTP API (payload format 2.0) request that went through the Lambda authorizer. */
export type HttpEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext>;

/** Far below API Gateway's 10 MB: an order is a few lines, and big bodies only cost parse time and memory. */
export const MAX_BODY_BYTES = 16 * 1024;

/** HTTP API lower-cases header names; the fallback keeps hand-built events (local runtime, tests) honest. */
export const header = (event: Pick<HttpEvent, 'headers'>, name: string): string | undefined => {
  const headers = event.headers ?? {};
  const wanted = name.toLowerCase();
  return headers[wanted] ?? Object.entries(headers).find(([k]) => k.toLowerCase() === wanted)?.[1];
};

const bodyIssue = (message: string): ValidationFailed => validationFailed([{ path: '(body)', message }]);
const tooLarge = (limitBytes: number): HttpProblem => ({ kind: 'PayloadTooLarge', limitBytes });

/** The body's text, after the size check: it never decodes or parses more than `maxBytes`. */
const bodyText = (event: HttpEvent, maxBytes: number): Result<string, HttpProblem> => {
  const raw = event.body;
  if (raw === undefined || raw === '') return err(bodyIssue('a JSON body is required'));
  if (event.isBase64Encoded) {
    // 4 base64 characters carry 3 bytes: reject on the encoded length before allocating the decoded buffer.
    if (raw.length > Math.ceil(maxBytes / 3) * 4 + 4) return err(tooLarge(maxBytes));
    const bytes = Buffer.from(raw, 'base64');
    return bytes.length > maxBytes ? err(tooLarge(maxBytes)) : ok(bytes.toString('utf8'));
  }
  // A UTF-16 length above the limit is above it in UTF-8 too; only then count the exact bytes.
  if (raw.length > maxBytes || Buffer.byteLength(raw, 'utf8') > maxBytes) return err(tooLarge(maxBytes));
  return ok(raw);
};

/** Size check, base64 decoding, then JSON.parse; the result is still untrusted and goes to a use case's schema. */
export const readJsonBody = (event: HttpEvent, maxBytes = MAX_BODY_BYTES): Result<unknown, HttpProblem> =>
  bodyText(event, maxBytes).andThen((text) => {
    try {
      return ok(JSON.parse(text) as unknown);
    } catch {
      return err(bodyIssue('must be valid JSON'));
    }
  });

export const pathParameter = (event: HttpEvent, name: string): Result<string, ValidationFailed> => {
  const value = event.pathParameters?.[name];
  return value ? ok(value) : err(validationFailed([{ path: name, message: 'is required in the path' }]));
};

// Safe to log and to echo: no spaces, quotes or control characters a client could use to forge log lines.
const CORRELATION_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The caller's `x-correlation-id` when it is a sane value; otherwise the caller gets a fresh one. */
export const correlationIdOf = (event: Pick<HttpEvent, 'headers'>): string | undefined => {
  const value = header(event, 'x-correlation-id')?.trim();
  return value && CORRELATION_ID.test(value) ? value : undefined;
};

/**
 * Who asks and why: the actor the authorizer verified, the correlation id, and the request id as the cause.
 * Without an authorizer context a protected route answers 401 (API Gateway normally never lets that through).
 */
export const commandContext = (
  event: HttpEvent,
  correlationId: string,
  { requireActor }: { requireActor: boolean },
): Result<CommandContext, HttpProblem> => {
  const actor = actorFromAuthorizerContext(event.requestContext?.authorizer?.lambda);
  if (!actor && requireActor) return err({ kind: 'Unauthenticated' });
  const causationId = event.requestContext?.requestId || correlationId;
  return ok(actor ? { correlationId, causationId, actor } : { correlationId, causationId });
};
