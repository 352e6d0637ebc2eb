import { z } from 'zod';

/** Who asks. Customers act on their own orders; admins decide approvals. */
export const Actor = z.object({
  customerId: z.string().min(1),
  roles: z.array(z.string()).readonly(),
});
export type Actor = Readonly<z.infer<typeof Actor>>;

/** Travels with every command: the correlation id of the first request and the id of what caused this step. */
export type CommandContext = Readonly<{
  correlationId: string;
  causationId: string;
  actor?: Actor;
}>;

export const isAdmin = (actor: Actor | undefined): boolean => actor?.roles.includes('admin') ?? false;
