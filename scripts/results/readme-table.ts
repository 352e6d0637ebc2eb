import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONSUMER_RUNS, HTTP_RUNS_PER_ROUTE, SYSTEM_MESSAGES_PER_CONSUMER } from '../../test/fuzz/budget.ts';

/**
 * The README's "What was tried and what held" table, regenerated from the last recorded runs of the load and
 * soak scripts and of the fuzz / security / model suites (scripts/results/results.json, committed so the table
 * can be rebuilt and reviewed). Each script records its own part and rewrites the table between the markers.
 */
export type SuiteRun = Readonly<{ files: number; tests: number; passed: number; failed: number; seconds: number }>;
export type LoadRun = Readonly<{
  ranAt: string;
  mode: string;
  seconds: number;
  connections: number;
  requests: number;
  throughput: number;
  p50: number;
  p99: number;
  non2xx: number;
  status5xx: number;
  errors: number;
  placed: number;
  found: number;
  inFlightAtStop: number;
  states: Readonly<Record<string, number>>;
  settleSeconds: number;
  consistent: boolean;
  problems: readonly string[];
}>;
export type SoakRun = Readonly<{
  ranAt: string;
  scenarios: number;
  modes: readonly string[];
  seconds: number;
  failed: boolean;
  seed: number;
  counterexample?: string;
}>;
export type Results = {
  suites?: Readonly<{ ranAt: string; fuzz?: SuiteRun; security?: SuiteRun; model?: SuiteRun; scenarios?: number }>;
  load?: LoadRun;
  soak?: SoakRun;
};

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const RESULTS = here('./results.json');
const README = here('../../README.md');
const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

export const readResults = (): Results => {
  try {
    return JSON.parse(readFileSync(RESULTS, 'utf8')) as Results;
  } catch {
    return {};
  }
};

const n = (x: number) => x.toLocaleString('en-US');
const day = (iso: string) => iso.slice(0, 10);
const suite = (s: SuiteRun | undefined) =>
  s ? `${n(s.tests)} tests in ${s.files} file${s.files === 1 ? '' : 's'}, ${s.seconds.toFixed(0)} s` : 'not run yet';
const verdict = (s: SuiteRun | undefined, held: string) =>
  !s ? '—' : s.failed === 0 ? `${held} (${n(s.passed)}/${n(s.tests)} passed)` : `**${s.failed} FAILED**`;

export const renderTable = (r: Results): string => {
  const { suites, load, soak } = r;
  const rows: string[][] = [
    [
      'HTTP fuzzing (`test/fuzz/http-routes`)',
      `7 routes × ${n(HTTP_RUNS_PER_ROUTE)} generated malformed requests (wrong types, missing fields, huge numbers, unicode, deep nesting, oversized, invalid JSON, content types, base64 flag, bad ids, bad queries, junk headers)`,
      '0 × 5xx; 400 with `issues[].path`, 413 oversized, 404 unknown/foreign ids, 401/403; nothing written',
    ],
    [
      'Consumer fuzzing (`test/fuzz/consumers`)',
      `5 SQS + 6 EventBridge consumers × ${n(CONSUMER_RUNS)} malformed events`,
      'every SQS record in batchItemFailures; every EventBridge target throws `ValidationFailed` with field paths; nothing written',
    ],
    [
      'Malformed input through the system (`test/fuzz/dead-letters`)',
      `${n(SYSTEM_MESSAGES_PER_CONSUMER)} per queue and per function target, through queue + event-source mapping / bus + retries`,
      'each ends in its DLQ: `maxReceiveCountExceeded` after maxReceiveCount, or `ERROR_CODE=ValidationFailed` + `ERROR_MESSAGE`',
    ],
    ['Fuzz suites (last run)', suite(suites?.fuzz), verdict(suites?.fuzz, 'all held')],
    [
      'Security (`test/security`, real HTTP)',
      suite(suites?.security),
      verdict(
        suites?.security,
        '401 for missing/tampered/expired/wrong-aud/wrong-iss/other-key/alg=none/HS256; foreign orders 404; approval admin-only; no client prices; 413 before any write',
      ),
    ],
    [
      'Fault-injection model (`test/model`)',
      suites?.scenarios
        ? `${n(suites.scenarios)} generated scenarios per flow + ${n(Math.max(20, Math.floor(suites.scenarios / 2)))} equivalence pairs (${suite(suites.model)})`
        : suite(suites?.model),
      verdict(
        suites?.model,
        'orders terminal or awaiting approval, stock = seed − confirmed, money consistent, DLQ only poison, flows agree',
      ),
    ],
    load
      ? [
          `Load (\`npm run load\`, ${load.mode}, ${day(load.ranAt)})`,
          `${load.seconds} s, ${load.connections} connections, ${n(load.requests)} requests: ${n(Math.round(load.throughput))} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms; ${n(load.placed)} orders placed`,
          `${load.status5xx} × 5xx, ${load.errors} errors, ${load.non2xx} non-2xx; every 201 found (${n(load.found)} listed, ${load.inFlightAtStop} placed as the run stopped); ${Object.entries(
            load.states,
          )
            .map(([s, c]) => `${n(c)} ${s}`)
            .join(
              ', ',
            )}; settled in ${load.settleSeconds.toFixed(1)} s; ${load.consistent ? 'stock and money consistent' : `**INCONSISTENT**: ${load.problems.slice(0, 3).join('; ')}`}`,
        ]
      : ['Load (`npm run load`)', 'not run yet', '—'],
    soak
      ? [
          `Soak (\`npm run soak\`, ${day(soak.ranAt)})`,
          `${n(soak.scenarios)} fault-injection scenarios per mode (${soak.modes.join(', ')}; ${n(soak.scenarios * soak.modes.length)} in all), concurrent work interleaved, in ${(soak.seconds / 60).toFixed(1)} min, seed ${soak.seed}`,
          soak.failed ? `**FAILED**: ${soak.counterexample ?? ''}` : 'every invariant of the model test held',
        ]
      : ['Soak (`npm run soak`)', 'not run yet', '—'],
  ];
  const cellText = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    '| what was tried | how much | what held |',
    '|---|---|---|',
    ...rows.map((row) => `| ${row.map(cellText).join(' | ')} |`),
  ].join('\n');
};

/** Records one script's part and rewrites the README section between the markers (appended if missing). */
export const recordResults = (patch: Partial<Results>) => {
  const results = { ...readResults(), ...patch };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  // In Biome's layout, so `npm run lint` stays clean after a run.
  spawnSync('npx', ['biome', 'format', '--write', RESULTS], { stdio: 'ignore' });
  const readme = readFileSync(README, 'utf8');
  const block = `${START}\n${renderTable(results)}\n${END}`;
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  const next =
    start !== -1 && end > start
      ? `${readme.slice(0, start)}${block}${readme.slice(end + END.length)}`
      : `${readme.trimEnd()}\n\n## What was tried and what held\n\nRegenerated by \`npm run load\`, \`npm run soak\` and \`npx tsx scripts/results-table.ts\` (the fuzz, security and model suites); the numbers behind it are in \`scripts/results/results.json\`.\n\n${block}\n`;
  writeFileSync(README, next);
  return results;
};
