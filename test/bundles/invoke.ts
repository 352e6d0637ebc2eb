// How the bundle tests run a function: its built bundle imported in a fresh `node` (no tsx, no vitest) by
// invoke-bundle.mjs, its handler invoked with each event in turn; results, thrown errors and log lines come back.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../scripts/bundle.ts';

export const run = promisify(execFile);
export const RUNNER = join(import.meta.dirname, 'invoke-bundle.mjs');
export const EVENTS_DIR = mkdtempSync(join(tmpdir(), 'orderly-bundle-events-'));
let invocations = 0;

export type Invocation = {
  ok?: {
    statusCode?: number;
    body?: string;
    isAuthorized?: boolean;
    headers?: Record<string, string>;
    batchItemFailures?: { itemIdentifier: string }[];
  } & Record<string, unknown>;
  thrown?: string;
};

export type LogLine = Record<string, unknown>;

/** The environment a bundle runs in: nothing of this process's but PATH. */
export const bundleEnv = (env: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  ...env,
});

/** Imports a bundle in a fresh `node` and invokes its handler with each event. */
export const invoke = async (name: string, events: unknown[], env: Record<string, string> = {}) => {
  // Events travel in a file: an argv full of JSON would bury a failure's message.
  const eventsFile = join(EVENTS_DIR, `${name}-${++invocations}.json`);
  writeFileSync(eventsFile, JSON.stringify(events));
  const { stdout, stderr } = await run(
    process.execPath,
    [RUNNER, join(ROOT, 'dist/lambda', name, 'index.mjs'), eventsFile],
    {
      env: bundleEnv(env),
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const marker = stdout.split('\n').find((l) => l.startsWith('@@RESULT '));
  if (!marker) throw new Error(`no result from ${name}:\n${stdout}`);
  // Powertools writes WARN and ERROR lines to stderr.
  const logs = `${stdout}\n${stderr}`
    .split('\n')
    .filter((l) => l.startsWith('{"level"'))
    .map((l) => JSON.parse(l) as LogLine);
  return { ...(JSON.parse(marker.slice('@@RESULT '.length)) as { results: Invocation[] }), logs };
};

/** Memory ports: the function runs with no AWS at all. */
export const memory = { ORDERLY_PORTS: 'memory', POWERTOOLS_SERVICE_NAME: 'orderly-bundle-test' };
