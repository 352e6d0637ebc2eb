import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Json } from '#adapters/stepfunctions/asl/state-machines.ts';
import { type Recorded, runScenario, type Scenario } from './golden/task-scenarios.ts';

// Replays 220 generated task-heavy scenarios (golden/task-scenarios.ts) and compares status,
// output, error, cause and every history event (ids, previous ids, timestamps, details texts)
// with what was recorded, so that performance work on the task path cannot change what an
// execution observably does.
//
// One thing may legitimately change: how the events of concurrent Parallel branches or Map
// iterations interleave (the service runs them concurrently and promises no order between them).
// For scenarios with a Parallel or Map state the histories are compared in a form that keeps
// everything else: each event with its type, timestamp and details, the event it follows in its
// own branch, ids that count from 1 without gaps, and each branch's order. When a branch fails
// and cancels its siblings, how many events a sibling records before the cancellation is also a
// race: there one history's events must all be found in the other.

type Golden = { scenario: Scenario; result: Recorded }[];
const load = (file: string) => JSON.parse(readFileSync(new URL(`./golden/${file}`, import.meta.url), 'utf8')) as Golden;
// The second set adds JSONata tasks, timeouts read from paths, OutputPath null, values with toJSON
// or -0, and execution inputs right under the 256 KiB quota. Both were recorded with the
// interpreter as it was before the task path was optimised (commit c7086f8).
const golden = load('task-scenarios.golden.json');
const golden2 = load('task-scenarios-2.golden.json');

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

/** True when every item of `fewer` occurs in `more` (as often). */
const isSubMultiset = (fewer: string[], more: string[]): boolean => {
  const counts = new Map<string, number>();
  for (const x of more) counts.set(x, (counts.get(x) ?? 0) + 1);
  return fewer.every((x) => {
    const n = counts.get(x) ?? 0;
    counts.set(x, n - 1);
    return n > 0;
  });
};

const concurrent = (s: Scenario) => /"Type":"(Parallel|Map)"/.test(JSON.stringify(s.definition));

describe('recorded task scenarios', () => {
  it('has scenarios that exercise the task path', () => {
    expect(golden.length).toBe(120);
    expect(golden2.length).toBe(100);
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

  it.each([...golden.map((g, i) => [`${i}`, g] as const), ...golden2.map((g, i) => [`2.${i}`, g] as const)])(
    'scenario %s replays exactly',
    async (_, { scenario, result }) => {
      const replayed = await runScenario(scenario);
      if (!concurrent(scenario)) {
        expect(replayed).toEqual(result);
        return;
      }
      const { history, ...rest } = replayed;
      const { history: recordedHistory, ...recordedRest } = result;
      expect(rest).toEqual(recordedRest);
      const now = interleavingFree(history);
      const then = interleavingFree(recordedHistory);
      if (result.status === 'SUCCEEDED') {
        expect(now).toEqual(then);
        return;
      }
      // A failing branch cancels its siblings; how far a sibling got before that is a race too.
      expect(now.ids).toEqual(now.ids.map((_, i) => i + 1));
      const [fewer, more] = now.links.length <= then.links.length ? [now.links, then.links] : [then.links, now.links];
      expect(isSubMultiset(fewer, more), `${fewer.join('\n')}\n--- is not part of ---\n${more.join('\n')}`).toBe(true);
    },
  );
});
