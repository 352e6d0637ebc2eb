import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Recorded, runScenario, type Scenario } from './golden/task-scenarios.ts';

// Replays 120 generated task-heavy scenarios (golden/task-scenarios.ts) and compares status,
// output, error, cause and every history event (ids, previous ids, timestamps, details texts)
// with what was recorded, so that performance work on the task path cannot change what an
// execution observably does.

const golden = JSON.parse(readFileSync(new URL('./golden/task-scenarios.golden.json', import.meta.url), 'utf8')) as {
  scenario: Scenario;
  result: Recorded;
}[];

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
    expect(await runScenario(scenario)).toEqual(result);
  });
});
