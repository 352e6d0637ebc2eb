import { err, ok, type Result } from 'neverthrow';
import type { CommandContext } from '#app/context.ts';
import { isAdmin } from '#app/context.ts';
import type { RecordApprovalDecision } from '#app/use-cases/record-approval-decision.ts';
import type { HttpProblem } from './http-errors.ts';
import { toOrderView } from './order-view.ts';
import { pathParameter, readJsonBody } from './request.ts';
import { type HttpHandler, type RouteOptions, route } from './route.ts';

const adminOnly = (ctx: CommandContext): Result<void, HttpProblem> =>
  isAdmin(ctx.actor) ? ok(undefined) : err({ kind: 'Forbidden', reason: 'only an admin decides approvals' });

/**
 * POST /orders/{id}/approval with `{ decision: 'approve' | 'reject' }`, admins only. The use case checks the
 * role too; checking it here first means a non-admin gets 403 whatever the body, not a 400 about it.
 */
export const decideApprovalHttp = (decide: RecordApprovalDecision, options: RouteOptions = {}): HttpHandler =>
  route(
    ({ event, ctx }) =>
      adminOnly(ctx)
        .andThen(() => pathParameter(event, 'id'))
        .andThen((orderId) => readJsonBody(event).map((body) => ({ orderId, body })))
        .asyncAndThen(({ orderId, body }) => decide(orderId, body, ctx))
        .map((order) => ({ status: 200, body: toOrderView(order) })),
    options,
  );
