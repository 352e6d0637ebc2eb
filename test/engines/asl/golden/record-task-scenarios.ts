// Records the golden files from the current interpreter:
//   node --import tsx test/engines/asl/golden/record-task-scenarios.ts
// Then format them: npx biome format --write test/engines/asl/golden/
// Only re-record on purpose (a deliberate change of observable behaviour), never to make a test pass.
// The committed files were recorded with the interpreter as of commit c7086f8, before the task
// path was optimised.
import { writeFileSync } from 'node:fs';
import { fc } from '@fast-check/vitest';
import { runScenario, scenarioArb, scenarioArb2 } from './task-scenarios.ts';

const sets = [
  { file: './task-scenarios.golden.json', arb: scenarioArb, numRuns: 120, seed: 20_260_101 },
  { file: './task-scenarios-2.golden.json', arb: scenarioArb2, numRuns: 100, seed: 20_260_102 },
];
for (const { file, arb, numRuns, seed } of sets) {
  const recorded = [];
  for (const scenario of fc.sample(arb, { seed, numRuns }))
    recorded.push({ scenario, result: await runScenario(scenario) });
  writeFileSync(new URL(file, import.meta.url), `${JSON.stringify(recorded)}\n`);
  console.log(`${file}: recorded ${recorded.length} scenarios`);
}
