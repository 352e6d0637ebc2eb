import { randomUUID } from 'node:crypto';
import type { ResultAsync } from 'neverthrow';
import type { CommandContext } from '#app/context.ts';
import type { HttpProblem } from './http-errors.ts';
import { commandContext, correlationIdOf, type HttpEvent } from './request.ts';
import { type HttpResponse, problem, type Reply, reply } from './responses.ts';

export type HttpHandler = (event: HttpEvent) => Promise<HttpResponse>;

export type HttpRequest = Readonly<{ event: HttpEvent; ctx: CommandContext }>;

export type RouteOptions = Readonly<{
  /** Makes correlation ids when the caller sends none; tests pass a deterministic one. */
  newCorrelationId?: () => string;
  /** Public routes run without an authorizer context (the actor is then absent). */
  requireActor?: boolean;
}>;

/**
 * The frame every route shares: correlation id, command context, then the route's own step, and the one
 * mapping of a success to a JSON reply and of an error kind to a status. Routes only translate.
 */
export const route =
  (run: (request: HttpRequest) => ResultAsync<Reply, HttpProblem>, options: RouteOptions = {}): HttpHandler =>
  async (event) => {
    const correlationId = correlationIdOf(event) ?? (options.newCorrelationId ?? randomUUID)();
    const outcome = await commandContext(event, correlationId, {
      requireActor: options.requireActor ?? true,
    }).asyncAndThen((ctx) => run({ event, ctx }));
    return outcome.match(
      (r) => reply(r, correlationId),
      (e) => problem(e, correlationId),
    );
  };
