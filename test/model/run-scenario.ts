import type { Result, ResultAsync } from 'neverthrow';
import { createSequentialIds } from '#adapters/memory/system.ts';
import type { CommandContext } from '#app/context.ts';
import type { AppError } from '#app/errors.ts';
import type { Order } from '#domain/order/order.ts';
import { TOKENS } from '#infra/container/tokens.ts';
import type { OrderFlowMode } from '#infra/topology/names.ts';
import { startVirtualSystem } from '#test/support/virtual-system.ts';
import { faultsFrom, type Scenario, SEED_STOCK } from './scenario.ts';

const address = { name: 'Ada', line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' };
const ctxOf = (customerId: string, roles: string[] = []): CommandContext => ({
  correlationId: `corr-${customerId}`,
  causationId: `req-${customerId}`,
  actor: { customerId, roles },
});
const admin = ctxOf('admin-1', ['admin']);

/** A client retries a transient failure, as an HTTP client would (with the same Idempotency-Key for POSTs). */
const TRANSIENT = ['Unavailable', 'VersionConflict', 'RequestInProgress'];
const retrying = async <T>(call: () => ResultAsync<T, AppError>, attempts = 20): Promise<Result<T, AppError>> => {
  let last = await call();
  for (let i = 1; i < attempts && last.isErr() && TRANSIENT.includes(last.error.kind); i++) last = await call();
  return last;
};

/** Runs a scenario to quiescence (faults on), then turns faults off, redrives dead letters and settles again. */
export type RunOptions = Readonly<{ poison?: number; decideAfterRecovery?: boolean }>;

export const runScenario = async (
  mode: OrderFlowMode,
  scenario: Scenario,
  { poison = 0, decideAfterRecovery = false }: RunOptions = {},
) => {
  let stop = () => {};
  const { system, settle } = startVirtualSystem((scheduler) => {
    const injected = faultsFrom(scenario.faults, (ms, fn) => scheduler.schedule(ms, fn));
    stop = injected.stop;
    return {
      mode,
      faults: injected.faults,
      memory: { clock: () => new Date(scheduler.now()), newId: createSequentialIds('o'), stock: SEED_STOCK },
    };
  });
  const c = system.container;

  const placed: (Order | undefined)[] = [];
  for (const [i, o] of scenario.orders.entries()) {
    const body = { lines: o.lines, shippingAddress: address, paymentToken: o.token };
    const r = await retrying(() => c.get(TOKENS.placeOrder)(body, ctxOf(o.customer), `key-${i}`));
    placed.push(r.isOk() ? r.value : undefined);
  }
  for (let p = 0; p < poison; p++) system.queues.get('inventory-requests')?.sendMessage({ body: `{"not":"an event"` });
  await settle();

  const recover = async () => {
    stop();
    system.redriveDeadLetters();
    await settle();
  };
  const accepted: boolean[] = [];
  const decide = async () => {
    for (const [i, o] of scenario.orders.entries()) {
      const id = placed[i]?.id;
      if (!id || o.decision === 'none') {
        accepted.push(false);
        continue;
      }
      const result =
        o.decision === 'approve' || o.decision === 'reject'
          ? await retrying(() => c.get(TOKENS.recordApprovalDecision)(id, { decision: o.decision }, admin))
          : o.decision === 'cancel'
            ? await retrying(() =>
                c.get(TOKENS.cancelOrder)({ orderId: id, reason: 'CUSTOMER_CANCELLED' }, ctxOf(o.customer)),
              )
            : await retrying(() =>
                c.get(TOKENS.updateShippingAddress)(
                  id,
                  { shippingAddress: { ...address, city: 'Lyon' } },
                  ctxOf(o.customer),
                ),
              );
      accepted.push(result.isOk());
    }
    await settle();
  };
  if (decideAfterRecovery) {
    await recover();
    await decide();
  } else {
    await decide();
    await recover();
  }

  const ids = placed.map((o) => o?.id);
  const orders = await Promise.all(
    ids.map(async (id) => (id ? (await system.adapters.orders.load(id))._unsafeUnwrap()?.state : undefined)),
  );
  const payments = await Promise.all(
    ids.map(async (id) => (id ? (await system.adapters.payments.load(id))._unsafeUnwrap()?.state : undefined)),
  );
  const holds = await Promise.all(
    ids.map(async (id) => (id ? (await system.adapters.stock.loadHold(id))._unsafeUnwrap()?.state : undefined)),
  );
  const stock = (await system.adapters.stock.loadMany(Object.keys(SEED_STOCK) as never[]))._unsafeUnwrap();
  const dlq = system.queues.get('event-delivery-dlq')?.messages() ?? [];
  await system.stop();
  return { system, ids, orders, payments, holds, stock, dlq, accepted, ledger: system.adapters.ledger() };
};
export type ScenarioOutcome = Awaited<ReturnType<typeof runScenario>>;
