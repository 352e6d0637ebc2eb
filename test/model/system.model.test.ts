import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from './invariants.ts';
import { runScenario, type ScenarioOutcome } from './run-scenario.ts';
import { aFaultPlan, aScenario, MODES, SEED_STOCK, withoutContention } from './scenario.ts';

/** CI runs this many scenarios per property; `npm run soak` raises it (ORDERLY_SCENARIOS). */
const RUNS = Number(process.env.ORDERLY_SCENARIOS ?? 1_000);
// A thousand whole-system runs take 25-45 s on a quiet 2-core machine; the margin is for a busy one.
const TIMEOUT_MS = 300_000;

describe.each(MODES)('the whole system under faults (%s)', (mode) => {
  it(
    'keeps orders, stock and money consistent and loses nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(aScenario(), fc.integer({ min: 0, max: 2 }), async (scenario, poison) => {
          checkInvariants(scenario, await runScenario(mode, scenario, { poison }), poison);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});

describe('orchestration and choreography agree', () => {
  const summary = (out: ScenarioOutcome) => ({
    orders: out.orders.map((o) => o && { status: o.status, reason: o.cancellationReason }),
    payments: out.payments.map((p) => p?.status ?? 'NONE'),
    stock: Object.keys(SEED_STOCK).map((sku) => out.stock.get(sku as never)?.state.onHand),
  });
  it(
    'ends every generated scenario in identical order states, stock and payments',
    async () => {
      await fc.assert(
        // Faults here are transient in the strict sense: few enough (3 per run) that every retry budget absorbs
        // them. Unbounded faults can exhaust the saga's retries (PROCESSING_FAILED) where a queue would redrive.
        fc.asyncProperty(
          aScenario(aFaultPlan().map((f) => ({ ...f, maxPortFaults: 3 }))).filter(withoutContention),
          async (scenario) => {
            // Decisions come once both flows recovered from the faults, so both meet every order in the same state.
            const run = (mode: (typeof MODES)[number]) => runScenario(mode, scenario, { decideAfterRecovery: true });
            const [a, b] = [await run('orchestration'), await run('choreography')];
            expect(summary(b)).toEqual(summary(a));
          },
        ),
        { numRuns: Math.max(20, Math.floor(RUNS / 2)) },
      );
    },
    TIMEOUT_MS,
  );
});
