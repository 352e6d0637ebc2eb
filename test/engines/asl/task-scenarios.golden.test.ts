import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Json } from '#adapters/stepfunctions/asl/state-machines.ts';
import { type Recorded, runScenario, type Scenario } from './golden/task-scenarios.ts';

// Replays 120 generated task-heavy scenarios (golden/task-scenarios.ts) and compares status,
// output, error, cause and every history event (ids, previous ids, timestamps, details texts)
// with what was recorded, so that performance work on the task path cannot change what an
// execution observably does.
//
// One thing may legitimately change: how the events of concurrent Parallel branches or Map
// iterations interleave (the service runs them concurrently and promises no order between them).
// For scenarios with a Parallel or Map state the histories are compared in a form that keeps
// everything else: each event with its type, timestamp and details, the event it follows in its
// own branch, ids that count from 1 without gaps, and each branch's order.

const golden = JSON.parse(readFileSync(new URL('./golden/task-scenarios.golden.json', import.meta.url), 'utf8')) as {
  scenario: Scenario;
  result: Recorded;
}[];

type Event = { id: number; previousEventId: number; type: string; timestamp: string; details?: Json };

/** Events that follow "the most recent event of any branch", so their previous event depends on interleaving. */
const JOINS = new Set(['ParallelStateSucceeded', 'ParallelStateFailed', 'MapStateSucceeded', 'MapStateFailed']);

const describeEvent = (e: Event | undefined) =>
  e === undefined ? 'none' : JSON.stringify([e.type, e.timestamp, e.details ?? null]);

/** The history as a sorted list of "event ← the event it follows", independent of interleaving. */
const interleavingFree = (history: Json[]) => {
  const events = history as Event[];
  const byId = new Map(events.map((e) => [e.id, e]));
  return {
    ids: events.map((e) => e.id),
    links: events
      .map((e) => `${describeEvent(e)} <- ${JOINS.has(e.type) ? 'join' : describeEvent(byId.get(e.previousEventId))}`)
      .sort(),
  };
};

const concurrent = (s: Scenario) => /"Type":"(Parallel|Map)"/.test(JSON.stringify(s.definition));

describe('recorded task scenarios', () => {
  it('has scenarios that exercise the task path', () => {
    expect(golden.length).toBe(120);
    const types = new Set(golden.flatMap((g) => g.result.history.map((e) => (e as { type: string }).type)));
    for (const t of [
      'LambdaFunctionSucceeded',
      'TaskFailed',
      'TaskTimedOut',
      'ActivitySucceeded',
      'MapIterationFailed',
    ])
      expect(types).toContain(t);
  });

  it.each(golden.map((g, i) => [i, g] as const))('scenario %i replays exactly', async (_, { scenario, result }) => {
    const replayed = await runScenario(scenario);
    if (!concurrent(scenario)) {
      expect(replayed).toEqual(result);
      return;
    }
    const { history, ...rest } = replayed;
    const { history: recordedHistory, ...recordedRest } = result;
    expect(rest).toEqual(recordedRest);
    expect(interleavingFree(history)).toEqual(interleavingFree(recordedHistory));
  });
});
