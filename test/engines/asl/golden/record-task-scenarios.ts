// Records task-scenarios.golden.json from the current interpreter:
//   node --import tsx test/engines/asl/golden/record-task-scenarios.ts
// Then format it: npx biome format --write test/engines/asl/golden/
// Only re-record on purpose (a deliberate change of observable behaviour), never to make a test pass.
import { writeFileSync } from 'node:fs';
import { fc } from '@fast-check/vitest';
import { runScenario, scenarioArb } from './task-scenarios.ts';

const scenarios = fc.sample(scenarioArb, { seed: 20_260_101, numRuns: 120 });
const recorded = [];
for (const scenario of scenarios) recorded.push({ scenario, result: await runScenario(scenario) });
writeFileSync(new URL('./task-scenarios.golden.json', import.meta.url), `${JSON.stringify(recorded)}\n`);
console.log(`recorded ${recorded.length} scenarios`);
