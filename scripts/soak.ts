// `npm run soak`: the fault-injection model test's property, for a long time. SOAK_SCENARIOS (default 50,000)
// generated scenarios per flow (orchestration, choreography), each run to quiescence under seeded faults (port
// timeouts, lost answers, duplicate and late deliveries, lost acks, poison messages, DLQ redrive) and checked
// against the model test's invariants (test/model/invariants.ts). On a failure it prints fast-check's report
// (seed, path, shrunk counterexample) and the command that replays exactly that case:
//   npm run soak -- --mode choreography --seed <seed> --path <path>      (or SOAK_MODE / SOAK_SEED / SOAK_PATH)
// SOAK_MODE limits the run to one flow. Progress is printed every 1,000 scenarios. With both flows and more than
// one CPU, each flow runs in its own child process (same seed), side by side; SOAK_SERIAL=1 runs them one after
// the other in this process.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
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
const SCENARIOS = replay ? 1 : Number(arg('scenarios') ?? process.env.SOAK_SCENARIOS ?? 50_000);
// SOAK_RUN_SEED: a child of a parallel run, seeded by its parent (a whole run, not a replay).
const runSeed = process.env.SOAK_RUN_SEED;
const seed =
  seedArg !== undefined
    ? Number(seedArg)
    : runSeed !== undefined
      ? Number(runSeed)
      : Date.now() ^ (Math.random() * 0x7fffffff);
const modes = modeArg ? [modeArg] : MODES;
const parallel = !replay && modes.length > 1 && availableParallelism() > 1 && process.env.SOAK_SERIAL !== '1';

/** One child per flow, its lines prefixed and passed through; resolves to whether that flow held. */
const soakInChild = (mode: OrderFlowMode) =>
  new Promise<boolean>((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? 'scripts/soak.ts'], {
      env: {
        ...process.env,
        SOAK_MODE: mode,
        SOAK_SCENARIOS: String(SCENARIOS),
        SOAK_RUN_SEED: String(seed),
        SOAK_RECORD: '0',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('exit', (code) => resolve(code === 0));
  });

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
  if (parallel) {
    const held = await Promise.all(modes.map(soakInChild));
    modes.forEach((mode, i) => {
      if (!held[i]) failures.push(`${mode}: seed ${seed} (its replay command is printed above)`);
    });
  }
  for (const mode of parallel ? [] : modes) {
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
