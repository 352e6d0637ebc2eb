// `npx tsx scripts/results-table.ts`: runs the fuzz, security and fault-injection model suites (vitest, JSON
// reporter), counts tests and time per suite, records them in scripts/results/results.json and regenerates the
// README's "What was tried and what held" table (load and soak rows come from their own last runs).
// `--table-only` just re-renders the table from the recorded results. Exits 1 if a suite failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { recordResults, type SuiteRun } from './results/readme-table.ts';

type VitestReport = Readonly<{
  testResults: readonly Readonly<{
    name: string;
    startTime: number;
    endTime: number;
    assertionResults: readonly Readonly<{ status: string }>[];
  }>[];
}>;

const SUITES = { fuzz: 'test/fuzz', security: 'test/security', model: 'test/model/system.model.test.ts' } as const;

const run = (): VitestReport => {
  const dir = mkdtempSync(join(tmpdir(), 'orderly-results-'));
  const out = join(dir, 'report.json');
  try {
    const result = spawnSync(
      'npx',
      ['vitest', 'run', ...Object.values(SUITES), '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
      {
        stdio: 'inherit',
        // These suites need no DynamoDB Local: a set endpoint makes the shared global setup skip starting the JVM.
        env: { ...process.env, DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT ?? 'http://127.0.0.1:9' },
      },
    );
    if (result.error) throw result.error;
    return JSON.parse(readFileSync(out, 'utf8')) as VitestReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const summarize = (report: VitestReport, prefix: string): SuiteRun => {
  const files = report.testResults.filter((f) => relative(process.cwd(), f.name).startsWith(prefix));
  const tests = files.flatMap((f) => f.assertionResults);
  return {
    files: files.length,
    tests: tests.length,
    passed: tests.filter((t) => t.status === 'passed').length,
    failed: tests.filter((t) => t.status === 'failed').length,
    seconds: files.reduce((s, f) => s + (f.endTime - f.startTime) / 1000, 0),
  };
};

if (process.argv.includes('--table-only')) {
  recordResults({});
} else {
  const report = run();
  const suites = {
    ranAt: new Date().toISOString(),
    fuzz: summarize(report, SUITES.fuzz),
    security: summarize(report, SUITES.security),
    model: summarize(report, SUITES.model),
    // The model test's own default (test/model/system.model.test.ts) when ORDERLY_SCENARIOS is unset.
    scenarios: Number(process.env.ORDERLY_SCENARIOS ?? 1_000),
  };
  recordResults({ suites });
  console.table({ fuzz: suites.fuzz, security: suites.security, model: suites.model });
  const failed = suites.fuzz.failed + suites.security.failed + suites.model.failed;
  process.exit(failed > 0 ? 1 : 0);
}
