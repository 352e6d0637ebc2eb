import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { CommandContext } from '#app/context.ts';
import { buildContainer } from '#infra/container/container.ts';
import { createMemoryAdapters, memoryModule } from '#infra/container/memory.module.ts';
import { TOKENS } from '#infra/container/tokens.ts';

const ctx: CommandContext = { correlationId: 'c', causationId: 'c', actor: { customerId: 'c-1', roles: ['admin'] } };
const c = buildContainer(memoryModule(createMemoryAdapters()));

/** Anything a client could send: wrong types, missing fields, huge numbers, unicode, nesting. */
const anyInput = () =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 6 }),
    fc.record({
      lines: fc.oneof(
        fc.jsonValue(),
        fc.array(fc.record({ sku: fc.jsonValue(), quantity: fc.oneof(fc.double(), fc.integer(), fc.string()) })),
      ),
      shippingAddress: fc.jsonValue(),
      paymentToken: fc.oneof(fc.string({ unit: 'binary' }), fc.constant('tok_visa')),
    }),
  );

const expectTyped = (r: { isErr(): boolean; error?: unknown }) => {
  if (r.isErr()) {
    const e = (r as { error: { kind: string; issues?: { path: string }[] } }).error;
    expect(typeof e.kind).toBe('string');
    if (e.kind === 'ValidationFailed') {
      expect(e.issues?.length).toBeGreaterThan(0);
      for (const issue of e.issues ?? []) expect(typeof issue.path).toBe('string');
    }
  }
};

describe('bad input to any use case', () => {
  test.prop([anyInput()], { numRuns: 1_000 })(
    'place order: a typed error with field paths, never a throw',
    async (input) => {
      expectTyped(await c.get(TOKENS.placeOrder)(input, ctx));
    },
  );
  test.prop([anyInput()], { numRuns: 300 })(
    'list orders, update address, approval, cancel: typed errors, never a throw',
    async (input) => {
      expectTyped(await c.get(TOKENS.listOrders)(input, ctx));
      expectTyped(await c.get(TOKENS.updateShippingAddress)('o-1', input, ctx));
      expectTyped(await c.get(TOKENS.recordApprovalDecision)('o-1', input, ctx));
      expectTyped(await c.get(TOKENS.cancelOrder)(input, ctx));
    },
  );
  test.prop([fc.constantFrom('lines', 'shippingAddress', 'paymentToken')], { numRuns: 20 })(
    'a missing field is named in the error',
    async (field) => {
      const valid = {
        lines: [{ sku: 'BOOK-DDD', quantity: 1 }],
        shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'FR' },
        paymentToken: 'tok_visa',
      };
      const { [field as keyof typeof valid]: _, ...rest } = valid;
      const result = await c.get(TOKENS.placeOrder)(rest, ctx);
      expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'ValidationFailed', issues: [{ path: field }] });
    },
  );
});
