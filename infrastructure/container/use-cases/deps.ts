import { ContainerModule, type ResolutionContext } from 'inversify';
import { createEnvelopes } from '#app/envelopes.ts';
import { TOKENS } from '../tokens.ts';

// What the use cases' bindings share (one module per use case, so that a function loads only the use cases it
// serves: the others' schemas and bindings cost every cold start; see ARCHITECTURE.md, "Composition").

export const orderDeps = (ctx: ResolutionContext) => ({
  orders: ctx.get(TOKENS.orders),
  envelopes: ctx.get(TOKENS.envelopes),
  clock: ctx.get(TOKENS.clock),
  pause: ctx.get(TOKENS.pause),
});

export const stockDeps = (ctx: ResolutionContext) => ({
  orders: ctx.get(TOKENS.orders),
  stock: ctx.get(TOKENS.stock),
  envelopes: ctx.get(TOKENS.envelopes),
  pause: ctx.get(TOKENS.pause),
});

export const paymentDeps = (ctx: ResolutionContext) => ({
  orders: ctx.get(TOKENS.orders),
  payments: ctx.get(TOKENS.payments),
  provider: ctx.get(TOKENS.provider),
  envelopes: ctx.get(TOKENS.envelopes),
  pause: ctx.get(TOKENS.pause),
});

/** Every container gets it: the write use cases wrap their events with it. */
export const envelopesModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.envelopes).toDynamicValue((ctx) =>
    createEnvelopes({ newId: ctx.get(TOKENS.newId), clock: ctx.get(TOKENS.clock) }),
  );
});
