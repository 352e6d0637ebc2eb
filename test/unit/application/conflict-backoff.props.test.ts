import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pauseOn } from '#adapters/memory/engines/scheduler.ts';
import { createVirtualScheduler } from '#adapters/memory/engines/scheduler.virtual.ts';
import { createManualClock, createSequentialIds } from '#adapters/memory/system.ts';
import type { CommandContext } from '#app/context.ts';
import { buildContainer } from '#infra/container/container.ts';
import { createMemoryAdapters, memoryModule } from '#infra/container/memory.module.ts';
import { TOKENS } from '#infra/container/tokens.ts';

const SKUS = ['BOOK-DDD', 'BOOK-EIP', 'MUG-LAMBDA'];
const address = { name: 'Ada', line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' };
const ctx = (id: string): CommandContext => ({
  correlationId: id,
  causationId: id,
  actor: { customerId: id, roles: [] },
});

/**
 * Concurrent writers of one aggregate all read the same version, so all but one lose the race; backing off with
 * jitter (on virtual time here) must let every one of them through without handing a VersionConflict back.
 */
describe('conflict backoff', () => {
  it('lets every concurrent reservation of a few hot SKUs through', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 3 }) }), {
          minLength: 2,
          maxLength: 30,
        }),
        async (lines) => {
          const scheduler = createVirtualScheduler(0);
          const adapters = createMemoryAdapters({
            clock: createManualClock().clock,
            newId: createSequentialIds('o'),
            pause: pauseOn(scheduler),
            stock: Object.fromEntries(SKUS.map((sku) => [sku, 1_000])),
          });
          const c = buildContainer(memoryModule(adapters));
          const orders = [];
          for (const [i, line] of lines.entries()) {
            const placed = await c.get(TOKENS.placeOrder)(
              { lines: [line], shippingAddress: address, paymentToken: 'tok_visa' },
              ctx(`c-${i}`),
            );
            orders.push(placed._unsafeUnwrap());
          }
          let settled = false;
          const all = Promise.all(
            orders.map((o, i) => c.get(TOKENS.reserveStock)({ orderId: o.id }, ctx(`evt-${i}`))),
          ).finally(() => {
            settled = true;
          });
          while (!settled) await scheduler.runUntilIdle();
          const results = await all;
          expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr())).toEqual([]);
          for (const sku of SKUS) {
            const item = (await adapters.stock.loadMany([sku as never]))._unsafeUnwrap().get(sku as never)?.state;
            const wanted = lines.filter((l) => l.sku === sku).reduce((n, l) => n + l.quantity, 0);
            expect(item).toMatchObject({ onHand: 1_000, reserved: wanted });
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
