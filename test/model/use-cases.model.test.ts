import fc from 'fast-check';
import type { ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { createManualClock, createSequentialIds } from '#adapters/memory/system.ts';
import type { CommandContext } from '#app/context.ts';
import { available } from '#domain/inventory/stock-item.ts';
import { netCaptured } from '#domain/payment/payment.ts';
import { buildContainer } from '#infra/container/container.ts';
import { createMemoryAdapters, memoryModule } from '#infra/container/memory.module.ts';
import { TOKENS } from '#infra/container/tokens.ts';

const SKUS = ['BOOK-DDD', 'LIMITED-PRINT', 'LAPTOP-PRO', 'NO-SUCH-SKU'];
const ctx: CommandContext = { correlationId: 'c', causationId: 'c', actor: { customerId: 'c-1', roles: [] } };
const ORDER_SLOTS = 4;
const LEGAL = new Set([
  'PENDING>AWAITING_APPROVAL',
  'PENDING>CONFIRMED',
  'PENDING>CANCELLED',
  'AWAITING_APPROVAL>CONFIRMED',
  'AWAITING_APPROVAL>CANCELLED',
  'CONFIRMED>CANCELLED',
]);

type Real = ReturnType<typeof boot>;
type Model = { orders: string[]; status: Map<string, string> };
const boot = () => {
  const adapters = createMemoryAdapters({
    clock: createManualClock().clock,
    newId: createSequentialIds('o'),
    stock: { 'BOOK-DDD': 5, 'LIMITED-PRINT': 2, 'LAPTOP-PRO': 3 },
  });
  return { adapters, c: buildContainer(memoryModule(adapters)) };
};

/** After every command: the invariants that must hold whatever the use cases were asked, in any order. */
const checkInvariants = async (m: Model, r: Real) => {
  for (const sku of SKUS.slice(0, 3)) {
    const item = (await r.adapters.stock.loadMany([sku as never]))._unsafeUnwrap().get(sku as never)?.state;
    if (item) expect(available(item)).toBeGreaterThanOrEqual(0);
  }
  for (const id of m.orders) {
    const order = (await r.adapters.orders.load(id))._unsafeUnwrap()?.state;
    if (!order) continue;
    const before = m.status.get(id);
    if (before && before !== order.status) expect(LEGAL.has(`${before}>${order.status}`)).toBe(true);
    m.status.set(id, order.status);
    const payment = (await r.adapters.payments.load(id))._unsafeUnwrap()?.state;
    if (payment) expect([0, order.total.amount]).toContain(netCaptured(payment).amount);
  }
};

const step = (name: string, run: (m: Model, r: Real, slot: number) => ResultAsync<unknown, unknown>) =>
  fc.integer({ min: 0, max: ORDER_SLOTS - 1 }).map(
    (slot): fc.AsyncCommand<Model, Real> => ({
      check: () => true,
      run: async (m, r) => {
        const result = await run(m, r, slot);
        // Every use case answers with a value: never a throw, never an unknown error kind.
        expect(result).toBeDefined();
        await checkInvariants(m, r);
      },
      toString: () => `${name}(${slot})`,
    }),
  );

const idAt = (m: Model, slot: number) => m.orders[slot % Math.max(1, m.orders.length)] ?? 'none';

const commands = [
  fc
    .record({
      sku: fc.constantFrom(...SKUS),
      quantity: fc.integer({ min: 1, max: 4 }),
      token: fc.constantFrom('tok_visa', 'tok_decline'),
    })
    .map(
      ({ sku, quantity, token }): fc.AsyncCommand<Model, Real> => ({
        check: (m) => m.orders.length < ORDER_SLOTS,
        run: async (m, r) => {
          const placed = await r.c.get(TOKENS.placeOrder)(
            {
              lines: [{ sku, quantity }],
              shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'FR' },
              paymentToken: token,
            },
            ctx,
          );
          if (sku === 'NO-SUCH-SKU')
            expect(placed._unsafeUnwrapErr()).toMatchObject({
              kind: 'ValidationFailed',
              issues: [{ path: 'lines[0].sku' }],
            });
          if (placed.isOk()) m.orders.push(placed.value.id);
          await checkInvariants(m, r);
        },
        toString: () => `place(${sku} x${quantity}, ${token})`,
      }),
    ),
  step('reserve', (m, r, s) => r.c.get(TOKENS.reserveStock)({ orderId: idAt(m, s) }, ctx)),
  step('release', (m, r, s) => r.c.get(TOKENS.releaseStock)({ orderId: idAt(m, s) }, ctx)),
  step('authorize', (m, r, s) => r.c.get(TOKENS.authorizePayment)({ orderId: idAt(m, s) }, ctx)),
  step('capture', (m, r, s) => r.c.get(TOKENS.capturePayment)({ orderId: idAt(m, s) }, ctx)),
  step('void', (m, r, s) => r.c.get(TOKENS.voidPayment)({ orderId: idAt(m, s) }, ctx)),
  step('refund', (m, r, s) => r.c.get(TOKENS.refundPayment)({ orderId: idAt(m, s) }, ctx)),
  step('confirm', (m, r, s) => r.c.get(TOKENS.confirmOrder)({ orderId: idAt(m, s) }, ctx)),
  step('commit', (m, r, s) => r.c.get(TOKENS.commitStock)({ orderId: idAt(m, s) }, ctx)),
  step('requestApproval', (m, r, s) => r.c.get(TOKENS.requestApproval)({ orderId: idAt(m, s) }, ctx)),
  step('cancel', (m, r, s) => r.c.get(TOKENS.cancelOrder)({ orderId: idAt(m, s), reason: 'CUSTOMER_CANCELLED' }, ctx)),
  step('updateAddress', (m, r, s) =>
    r.c.get(TOKENS.updateShippingAddress)(
      idAt(m, s),
      { shippingAddress: { name: 'Z', line1: 'Y', city: 'X', postalCode: 'W', country: 'DE' } },
      ctx,
    ),
  ),
];

describe('use cases over the memory container (model-based)', () => {
  it('keep stock, money and lifecycle invariants for any sequence of calls', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 40 }), async (cmds) => {
        await fc.asyncModelRun(() => ({ model: { orders: [], status: new Map() }, real: boot() }), cmds);
      }),
      { numRuns: 300 },
    );
  });
});
