import { createManualClock, createSequentialIds } from '#adapters/memory/system.ts';
import type { CommandContext } from '#app/context.ts';
import { TOKENS } from '#infra/container/tokens.ts';
import type { LocalSystemOptions } from '#infra/local/system.ts';
import { startVirtualSystem } from '#test/support/virtual-system.ts';

export const customer = (id = 'c-1'): CommandContext => ({
  correlationId: `corr-${id}`,
  causationId: `req-${id}`,
  actor: { customerId: id, roles: [] },
});
export const admin: CommandContext = {
  correlationId: 'corr-admin',
  causationId: 'req-admin',
  actor: { customerId: 'admin-1', roles: ['admin'] },
};

export const address = { name: 'Ada', line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' };

/** The whole system on virtual time, with deterministic ids and a hand-moved clock. */
export const startSystem = (overrides: Partial<LocalSystemOptions> & Pick<LocalSystemOptions, 'mode'>) => {
  const { clock } = createManualClock();
  const { scheduler, system, settle } = startVirtualSystem(() => ({
    ...overrides,
    memory: { clock, newId: createSequentialIds('id'), ...overrides.memory },
  }));
  const get = <T>(token: symbol & { readonly __t?: T }) => system.container.get(token as never) as T;
  const place = (body: unknown, ctx = customer(), key?: string) =>
    system.container.get(TOKENS.placeOrder)(body, ctx, key);
  const order = async (orderId: string) => (await system.adapters.orders.load(orderId))._unsafeUnwrap()?.state;
  const stockOf = async (sku: string) =>
    (await system.adapters.stock.loadMany([sku as never]))._unsafeUnwrap().get(sku as never)?.state;
  const payment = async (orderId: string) => (await system.adapters.payments.load(orderId))._unsafeUnwrap()?.state;
  return { system, scheduler, settle, place, order, stockOf, payment, get };
};
