import { describe, expect, it } from 'vitest';
import type { OrderFlowMode } from '#infra/topology/names.ts';
import { queues } from '#infra/topology/queues.ts';
import { address, customer, startSystem } from './harness.ts';

const MODES: OrderFlowMode[] = ['orchestration', 'choreography'];
const ORDERS = 25;
// The shortest visibility timeout of a queue in the order flow: settling before it means no message had to wait
// for a redelivery, i.e. every lost optimistic-concurrency race was won again by backing off in place.
const shortestVisibilityMs =
  Math.min(...queues.filter((q) => q.consumer).map((q) => q.visibilityTimeoutSeconds)) * 1000;

describe.each(MODES)('one hot SKU (%s)', (mode) => {
  it(`settles ${ORDERS} concurrent orders of one SKU without waiting for a redelivery`, async () => {
    const s = startSystem({ mode });
    const start = s.scheduler.now();
    const placed = await Promise.all(
      Array.from({ length: ORDERS }, (_, i) =>
        s.place(
          { lines: [{ sku: 'BOOK-DDD', quantity: 1 }], shippingAddress: address, paymentToken: 'tok_visa' },
          customer(`c-${i}`),
        ),
      ),
    );
    await s.settle();
    for (const p of placed) expect((await s.order(p._unsafeUnwrap().id))?.status).toBe('CONFIRMED');
    expect(await s.stockOf('BOOK-DDD')).toMatchObject({ onHand: 500 - ORDERS, reserved: 0 });
    expect(s.scheduler.now() - start).toBeLessThan(shortestVisibilityMs);
  });
});
