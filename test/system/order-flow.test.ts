import { describe, expect, it } from 'vitest';
import { TOKENS } from '#infra/container/tokens.ts';
import type { OrderFlowMode } from '#infra/topology/names.ts';
import { address, admin, customer, startSystem } from './harness.ts';

const line = (sku: string, quantity: number) => ({ sku, quantity });
const body = (lines: { sku: string; quantity: number }[], paymentToken = 'tok_visa') => ({
  lines,
  shippingAddress: address,
  paymentToken,
});
const MODES: OrderFlowMode[] = ['orchestration', 'choreography'];

describe.each(MODES)('order flow (%s)', (mode) => {
  it('confirms an order: stock committed, money captured, customer notified', async () => {
    const s = startSystem({ mode });
    const placed = (await s.place(body([line('BOOK-DDD', 2)])))._unsafeUnwrap();
    await s.settle();
    expect((await s.order(placed.id))?.status).toBe('CONFIRMED');
    expect((await s.stockOf('BOOK-DDD'))?.onHand).toBe(498);
    expect(await s.payment(placed.id)).toMatchObject({ status: 'CAPTURED', captured: 2 * 5_490 });
    expect(s.system.notifications.sent().some((n) => n.subject.includes('confirmed'))).toBe(true);
    const execution = s.system.saga?.executions().get(placed.id);
    if (mode === 'orchestration') expect(execution?.result?.status).toBe('SUCCEEDED');
    else expect(s.system.saga).toBeUndefined();
  });

  it('cancels with OUT_OF_STOCK when a line cannot be reserved, and holds nothing', async () => {
    const s = startSystem({ mode });
    const placed = (await s.place(body([line('BOOK-DDD', 1), line('LIMITED-PRINT', 4)])))._unsafeUnwrap();
    await s.settle();
    expect(await s.order(placed.id)).toMatchObject({ status: 'CANCELLED', cancellationReason: 'OUT_OF_STOCK' });
    expect(await s.stockOf('BOOK-DDD')).toMatchObject({ onHand: 500, reserved: 0 });
    expect((await s.payment(placed.id))?.status ?? 'NONE').not.toBe('CAPTURED');
  });

  it('cancels with PAYMENT_DECLINED and releases the stock', async () => {
    const s = startSystem({ mode });
    const placed = (await s.place(body([line('MUG-LAMBDA', 3)], 'tok_decline')))._unsafeUnwrap();
    await s.settle();
    expect(await s.order(placed.id)).toMatchObject({ status: 'CANCELLED', cancellationReason: 'PAYMENT_DECLINED' });
    expect(await s.stockOf('MUG-LAMBDA')).toMatchObject({ onHand: 1_000, reserved: 0 });
  });

  it('waits for approval above the threshold, then confirms when an admin approves', async () => {
    const s = startSystem({ mode });
    const placed = (await s.place(body([line('LAPTOP-PRO', 1)])))._unsafeUnwrap();
    await s.settle();
    expect((await s.order(placed.id))?.status).toBe('AWAITING_APPROVAL');
    (
      await s.system.container.get(TOKENS.recordApprovalDecision)(placed.id, { decision: 'approve' }, admin)
    )._unsafeUnwrap();
    await s.settle();
    expect((await s.order(placed.id))?.status).toBe('CONFIRMED');
    expect((await s.stockOf('LAPTOP-PRO'))?.onHand).toBe(49);
  });

  it('cancels with REJECTED when an admin rejects, voiding the payment and releasing stock', async () => {
    const s = startSystem({ mode });
    const placed = (await s.place(body([line('LAPTOP-PRO', 1)])))._unsafeUnwrap();
    await s.settle();
    (
      await s.system.container.get(TOKENS.recordApprovalDecision)(placed.id, { decision: 'reject' }, admin)
    )._unsafeUnwrap();
    await s.settle();
    expect(await s.order(placed.id)).toMatchObject({ status: 'CANCELLED', cancellationReason: 'REJECTED' });
    expect((await s.payment(placed.id))?.status).toBe('VOIDED');
    expect(await s.stockOf('LAPTOP-PRO')).toMatchObject({ onHand: 50, reserved: 0 });
  });

  it('a customer cancelling mid-flight stops the flow and gets everything back', async () => {
    const s = startSystem({ mode });
    const placed = (await s.place(body([line('LAPTOP-PRO', 1)])))._unsafeUnwrap();
    await s.settle(); // waiting for approval: stock reserved, payment authorized
    const cancel = await s.system.container.get(TOKENS.cancelOrder)(
      { orderId: placed.id, reason: 'CUSTOMER_CANCELLED' },
      customer(),
    );
    expect(cancel.isOk()).toBe(true);
    await s.settle();
    expect(await s.order(placed.id)).toMatchObject({ status: 'CANCELLED', cancellationReason: 'CUSTOMER_CANCELLED' });
    expect((await s.payment(placed.id))?.status).toBe('VOIDED');
    expect(await s.stockOf('LAPTOP-PRO')).toMatchObject({ onHand: 50, reserved: 0 });
  });

  it('cancelling a confirmed order refunds and restocks', async () => {
    const s = startSystem({ mode });
    const placed = (await s.place(body([line('KBD-MECH', 2)])))._unsafeUnwrap();
    await s.settle();
    await s.system.container.get(TOKENS.cancelOrder)({ orderId: placed.id, reason: 'CUSTOMER_CANCELLED' }, customer());
    await s.settle();
    expect((await s.payment(placed.id))?.status).toBe('REFUNDED');
    expect(await s.stockOf('KBD-MECH')).toMatchObject({ onHand: 200, reserved: 0 });
    expect((await s.system.adapters.stock.loadHold(placed.id))._unsafeUnwrap()?.state.status).toBe('RESTOCKED');
  });
});

describe('orchestration only', () => {
  it('an approval that nobody decides times out: APPROVAL_TIMED_OUT, payment voided, stock released', async () => {
    const s = startSystem({ mode: 'orchestration', approvalTimeoutSeconds: 2, sagaTimeScale: 0.001 });
    const placed = (await s.place(body([line('DESK-OAK', 2)])))._unsafeUnwrap();
    await s.settle();
    await new Promise((resolve) => setTimeout(resolve, 50)); // 2 saga seconds = 2 ms of real time
    await s.settle();
    expect(await s.order(placed.id)).toMatchObject({ status: 'CANCELLED', cancellationReason: 'APPROVAL_TIMED_OUT' });
    expect((await s.payment(placed.id))?.status).toBe('VOIDED');
    expect(await s.stockOf('DESK-OAK')).toMatchObject({ onHand: 40, reserved: 0 });
  });
});

describe('transient failures', () => {
  it.each(['orchestration', 'choreography'] as const)(
    '(%s) a processor that times out twice is retried with backoff, and the order still confirms, charged once',
    async (mode) => {
      let failures = 2;
      const s = startSystem({
        mode,
        memory: { payments: { failNext: (operation) => operation === 'authorize' && failures-- > 0 } },
      });
      const placed = (await s.place(body([line('TEE-EVENTS', 1)])))._unsafeUnwrap();
      await s.settle();
      expect((await s.order(placed.id))?.status).toBe('CONFIRMED');
      expect(failures).toBeLessThan(0); // both injected timeouts were hit
      expect(s.system.adapters.ledger().filter((e) => e.operation === 'authorize')).toHaveLength(1);
      if (mode === 'orchestration') {
        const history = s.system.saga?.executions().get(placed.id)?.result?.history ?? [];
        const failed = history.filter((e) => e.type === 'LambdaFunctionFailed'); // a Lambda ARN resource, as the service reports it
        expect(failed.length).toBe(2); // Retry on Unavailable, then success, no Catch
        expect(history.some((e) => e.type === 'TaskStateEntered' && JSON.stringify(e).includes('ReleaseStock'))).toBe(
          false,
        );
      }
    },
  );
});
