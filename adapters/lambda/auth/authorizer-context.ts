import { z } from 'zod';
import type { Actor } from '#app/context.ts';

/**
 * What the authorizer hands to the routes. HTTP API authorizer context values must be scalars, so the
 * roles travel as one comma-joined string and are split back here, on the one path both sides share.
 */
export type AuthorizerContext = Readonly<{ customerId: string; roles: string }>;

const Context = z.object({
  customerId: z.string().trim().min(1).max(128),
  roles: z.string().max(1024).optional(),
});

const ROLE = /^[A-Za-z0-9_.:-]{1,64}$/;

export const toAuthorizerContext = (actor: Actor): AuthorizerContext => ({
  customerId: actor.customerId,
  roles: actor.roles.filter((r) => ROLE.test(r)).join(','),
});

/** The actor behind a request, or undefined when the authorizer context is missing or malformed. */
export const actorFromAuthorizerContext = (context: unknown): Actor | undefined => {
  const parsed = Context.safeParse(context);
  if (!parsed.success) return undefined;
  const roles = (parsed.data.roles ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => ROLE.test(r));
  return { customerId: parsed.data.customerId, roles };
};
