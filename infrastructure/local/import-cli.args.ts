import { parseArgs } from 'node:util';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { MAX_CHUNK_ROWS } from '#app/imports/import-chunk.ts';
import type { OrderFlowMode } from '../topology/names.ts';

export const usage = `usage: npm run import -- <file.csv> [options]

Imports orders from a CSV file through the import flow (splitter → chunk queue → chunk workflow → fan-in) on the
local runtime, with the orders' own flows, and prints a summary. Header (any column order, extra columns ignored):
  customerId,sku,quantity,name,line1,line2,city,postalCode,country,paymentToken

Options:
  --memory            throwaway run: nothing read from or written to the data folder
  --reset             start the data folder again from the seed data first (as npm start -- --reset)
  --flow <mode>       orchestration | choreography (default: ORDER_FLOW or orchestration)
  --chunk-size <n>    rows per chunk message, 1-${MAX_CHUNK_ROWS} (default 100, as deployed)
  --settle-timeout <s>  longest wait for the orders' flows after the import (default 600; a failed queue
                      message is retried after its 60 s visibility timeout); in orchestration, npm start
                      resumes the orders still open
  --json              the summary as JSON on stdout
  --quiet             no progress on stderr
  -h, --help          this text

Environment (as npm start): ORDERLY_DATA_DIR, ORDER_FLOW, APPROVAL_THRESHOLD, ORDERLY_SEED_STOCK (fresh folder only).
Exit status: 0 import completed (rejected rows included), 1 import incomplete (a chunk dead-lettered) or failed,
2 bad usage or a file that cannot be imported, 3 the data folder is in use (stop npm start, or use --memory),
130 interrupted (Ctrl+C: the orders placed so far are kept; the same file run again finishes without twins).`;

export type ImportCliOptions = Readonly<{
  file: string;
  memory: boolean;
  reset: boolean;
  mode: OrderFlowMode;
  chunkSize?: number;
  settleTimeoutMs: number;
  json: boolean;
  quiet: boolean;
  approvalThreshold?: number;
  seedStock?: number;
}>;

export type CliRequest = Readonly<{ kind: 'help' } | { kind: 'import'; options: ImportCliOptions }>;

const Env = z.object({
  ORDER_FLOW: z.enum(['orchestration', 'choreography']).default('orchestration'),
  APPROVAL_THRESHOLD: z.coerce.number().int().positive().optional(),
  ORDERLY_SEED_STOCK: z.coerce.number().int().positive().optional(),
});
const Flow = z.enum(['orchestration', 'choreography']);
const ChunkSize = z.coerce.number().int().min(1).max(MAX_CHUNK_ROWS);
const Seconds = z.coerce.number().min(0).max(86_400);

/** The command line and environment as options, or what is wrong with them (printed with the usage). */
export const parseCli = (
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Result<CliRequest, string> => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (e) {
    return err(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) return ok({ kind: 'help' });
  if (positionals.length !== 1) return err(positionals.length === 0 ? 'no CSV file given' : 'one CSV file at a time');
  if (values.memory && values.reset) return err('--reset has no meaning with --memory');
  const environment = Env.safeParse(env);
  if (!environment.success) return err(`invalid environment:\n${z.prettifyError(environment.error)}`);
  const flow = Flow.safeParse(values.flow ?? environment.data.ORDER_FLOW);
  if (!flow.success) return err(`--flow must be orchestration or choreography, not "${values.flow}"`);
  const chunkSize = values['chunk-size'] === undefined ? undefined : ChunkSize.safeParse(values['chunk-size']);
  if (chunkSize && !chunkSize.success) return err(`--chunk-size must be a whole number from 1 to ${MAX_CHUNK_ROWS}`);
  const settle = Seconds.safeParse(values['settle-timeout']);
  if (!settle.success) return err('--settle-timeout must be a number of seconds from 0 to 86400');
  const { APPROVAL_THRESHOLD: approvalThreshold, ORDERLY_SEED_STOCK: seedStock } = environment.data;
  return ok({
    kind: 'import',
    options: {
      file: positionals[0] ?? '',
      memory: values.memory,
      reset: values.reset,
      mode: flow.data,
      settleTimeoutMs: settle.data * 1000,
      json: values.json,
      quiet: values.quiet,
      ...(chunkSize && { chunkSize: chunkSize.data }),
      ...(approvalThreshold !== undefined && { approvalThreshold }),
      ...(seedStock !== undefined && { seedStock }),
    },
  });
};

const parse = (args: readonly string[]) =>
  parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      memory: { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
      flow: { type: 'string' },
      'chunk-size': { type: 'string' },
      'settle-timeout': { type: 'string', default: '600' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
