// `npm run soak`: the fault-injection model test's property, for a long time. SOAK_SCENARIOS (default 100,000)
// generated scenarios per flow (orchestration, choreography), each run to quiescence under seeded faults (port
// timeouts, lost answers, duplicate and late deliveries, lost acks, poison messages, DLQ redrive) and checked
// against the model test's invariants (test/model/invariants.ts). On a failure it prints fast-check's report
// (seed, path, shrunk counterexample) and the command that replays exactly that case:
//   npm run soak -- --mode choreography --seed <seed> --path <path>      (or SOAK_MODE / SOAK_SEED / SOAK_PATH)
// SOAK_MODE limits the run to one flow. Progress is printed every 1,000 scenarios.
import fc from 'fast-check';
import type { OrderFlowMode } from '#infra/topology/names.ts';
import { checkInvariants } from '#test/model/invariants.ts';
import { runScenario } from '#test/model/run-scenario.ts';
import { aScenario, MODES } from '#test/model/scenario.ts';
import { recordResults } from './results/readme-table.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const seedArg = arg('seed') ?? process.env.SOAK_SEED;
const pathArg = arg('path') ?? process.env.SOAK_PATH;
const modeArg = (arg('mode') ?? process.env.SOAK_MODE) as OrderFlowMode | undefined;
const replay = seedArg !== undefined;
const SCENARIOS = replay ? 1 : Number(arg('scenarios') ?? process.env.SOAK_SCENARIOS ?? 100_000);
const seed = seedArg !== undefined ? Number(seedArg) : Date.now() ^ (Math.random() * 0x7fffffff);
const modes = modeArg ? [modeArg] : MODES;

const soak = async (mode: OrderFlowMode) => {
  let ran = 0;
  const started = Date.now();
  const property = fc.asyncProperty(aScenario(), fc.integer({ min: 0, max: 2 }), async (scenario, poison) => {
    checkInvariants(scenario, await runScenario(mode, scenario, { poison }), poison);
    if (++ran % 1_000 === 0) {
      const rate = ran / ((Date.now() - started) / 1000);
      console.log(`soak ${mode}: ${ran.toLocaleString('en-US')} scenarios, ${rate.toFixed(0)}/s`);
    }
  });
  const details = await fc.check(property, {
    numRuns: replay && pathArg ? 1 : SCENARIOS,
    seed,
    ...(pathArg !== undefined && { path: pathArg, endOnFailure: true }),
  });
  return { mode, details, ran, seconds: (Date.now() - started) / 1000 };
};

const main = async () => {
  console.log(
    replay
      ? `soak: replaying seed ${seed}${pathArg ? ` path ${pathArg}` : ''} (${modes.join(', ')})`
      : `soak: ${SCENARIOS.toLocaleString('en-US')} scenarios per flow (${modes.join(', ')}), seed ${seed}`,
  );
  const started = Date.now();
  const failures: string[] = [];
  for (const mode of modes) {
    const { details, ran, seconds } = await soak(mode);
    console.log(`soak ${mode}: ${ran.toLocaleString('en-US')} scenarios in ${seconds.toFixed(0)} s`);
    if (details.failed) {
      const report = fc.defaultReportMessage(details) ?? 'failed';
      console.error(`\nsoak ${mode} FAILED\n${report}`);
      console.error(
        `\nreplay: npm run soak -- --mode ${mode} --seed ${details.seed} --path ${details.counterexamplePath ?? ''}\n`,
      );
      failures.push(
        `${mode}: seed ${details.seed}, path ${details.counterexamplePath}: ${fc.stringify(details.counterexample)}`,
      );
    }
  }
  if (!replay && process.env.SOAK_RECORD !== '0') {
    recordResults({
      soak: {
        ranAt: new Date().toISOString(),
        scenarios: SCENARIOS,
        modes,
        seconds: (Date.now() - started) / 1000,
        failed: failures.length > 0,
        seed,
        ...(failures.length > 0 && { counterexample: failures.join('; ').slice(0, 500) }),
      },
    });
  }
  process.exit(failures.length > 0 ? 1 : 0);
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
