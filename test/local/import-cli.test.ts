import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateIssuerKey } from '#adapters/lambda/auth/local-issuer.ts';
import { LOCK_FILE } from '#infra/local/persistence/data-lock.ts';
import { JOURNAL_FILE } from '#infra/local/persistence/local-store.ts';
import { csvLine, goodRow, HEADER, type RowFields } from '#test/imports/import-harness.ts';
import { startPersistentApi } from './persistent-api.ts';

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const CLI = 'infrastructure/local/import-cli.ts';
const root = mkdtempSync(join(tmpdir(), 'orderly-import-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => join(root, `${++n}-${name}`);

type Run = Readonly<{ code: number | null; stdout: string; stderr: string }>;

/** The CLI as a person runs it, stdout and stderr piped (not a TTY), in a clean environment. */
const runCli = (args: readonly string[], dataDir: string): Promise<Run> =>
  new Promise((resolve) => {
    const { ORDER_FLOW: _f, APPROVAL_THRESHOLD: _a, ORDERLY_SEED_STOCK: _s, ...env } = process.env;
    execFile(
      TSX,
      [CLI, ...args],
      { env: { ...env, ORDERLY_DATA_DIR: dataDir }, timeout: 50_000 },
      (e, stdout, stderr) => resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr }),
    );
  });

// The generated file: 31 lines after the header, line 11 blank (no row 11: rows are numbered by line), five rows
// the flow must reject, and three that are placed but end otherwise than CONFIRMED.
const rejectedRows: Readonly<Record<number, Partial<RowFields> | string>> = {
  4: { sku: 'NOPE' },
  9: { quantity: 'two' },
  13: { country: 'France' },
  17: 'c-17,"MUG-LAMBDA"x,1,Customer 17,17 Main St,,Paris,75001,FR,tok_visa',
  21: { name: '' },
};
const special: Readonly<Record<number, Partial<RowFields>>> = {
  24: { paymentToken: 'tok_decline' }, // placed, then PAYMENT_DECLINED
  27: { sku: 'LIMITED-PRINT', quantity: '4' }, // the seed has 3: OUT_OF_STOCK
  30: { sku: 'LAPTOP-PRO' }, // above the approval threshold: AWAITING_APPROVAL
};
const lineOf = (row: number): string => {
  const bad = rejectedRows[row];
  if (typeof bad === 'string') return bad;
  return csvLine(goodRow(row, bad ?? special[row] ?? {}));
};
const generated = fresh('orders.csv');
writeFileSync(
  generated,
  `${HEADER}\n${Array.from({ length: 31 }, (_, i) => (i + 1 === 11 ? '' : lineOf(i + 1))).join('\n')}\n`,
);

const expectedRejections = [
  { row: 4, reason: 'sku: unknown SKU' },
  { row: 9, reason: 'quantity: must be a whole number' },
  { row: 13, reason: 'country: must be an ISO 3166-1 alpha-2 code' },
  { row: 17, reason: expect.stringMatching(/^malformed CSV line: Invalid Closing Quote/) },
  { row: 21, reason: 'name: required' },
];
const expectedOrders = {
  statuses: { CONFIRMED: 22, CANCELLED: 2, AWAITING_APPROVAL: 1 },
  cancellationReasons: { PAYMENT_DECLINED: 1, OUT_OF_STOCK: 1 },
};

describe('npm run import (the CLI as a child process)', () => {
  it.concurrent('imports a generated CSV in memory: exact JSON summary, order outcomes, progress lines, nothing written', async () => {
    const dataDir = fresh('untouched');
    const run = await runCli([generated, '--memory', '--json', '--chunk-size', '7'], dataDir);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      completed: true,
      rows: 30,
      placed: 25,
      rejectedCount: 5,
      rejected: expectedRejections,
      deadLetteredChunks: 0,
      orders: expectedOrders,
      flow: 'orchestration',
      dataDir: null,
    });
    expect(summary.rowsPerSecond).toBeGreaterThan(0);
    // Not a TTY: plain progress lines, the first at 0 and the last import line with the final counts.
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('progress: '));
    expect(lines[0]).toMatch(/^progress: importing 0\/30 rows, chunks 0\/\?/);
    expect(lines).toContainEqual(
      expect.stringMatching(/^progress: importing 30\/30 rows, chunks 5\/5, placed 25, rejected 5, [\d,]+ rows\/s$/),
    );
    expect(lines.at(-1)).toMatch(/^progress: settling .*confirmed 22, cancelled 2, awaiting approval 1, pending 0$/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it.concurrent('choreography, text summary: rejected rows listed with their reasons, every order at rest', async () => {
    // One order per SKU: in choreography, concurrent reservations of one SKU conflict and are retried only after
    // the queue's 60 s visibility timeout (as with SQS), which would make this test a minute long.
    const skus = ['BOOK-DDD', 'BOOK-EIP', 'MUG-LAMBDA', 'TEE-EVENTS', 'KBD-MECH', 'LAPTOP-PRO', 'DESK-OAK'];
    const rows = [
      ...skus.map((sku, i) =>
        csvLine(goodRow(i + 1, { sku, ...(sku === 'TEE-EVENTS' && { paymentToken: 'tok_decline' }) })),
      ),
      csvLine(goodRow(8, { sku: 'NOPE' })),
      csvLine(goodRow(9, { sku: 'LIMITED-PRINT', quantity: '4' })),
      csvLine(goodRow(10, { quantity: '-1' })),
    ];
    const file = fresh('spread.csv');
    writeFileSync(file, `${HEADER}\n${rows.join('\n')}\n`);
    const run = await runCli([file, '--memory', '--flow', 'choreography'], fresh('untouched'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Imported .*spread\.csv \(import \d+-spread-[0-9a-f]{16}, choreography\)$/m);
    expect(run.stdout).toMatch(/^ {2}rows {7}10$/m);
    expect(run.stdout).toMatch(/^ {2}placed {5}8$/m);
    expect(run.stdout).toMatch(/^ {2}rejected {3}2$/m);
    expect(run.stdout.match(/^ {4}row .*$/gm)).toStrictEqual([
      '    row 8: sku: unknown SKU',
      '    row 10: quantity: Too small: expected number to be >=1',
    ]);
    expect(run.stdout).toMatch(
      /^ {2}orders {5}5 confirmed, 2 cancelled \(1 OUT_OF_STOCK, 1 PAYMENT_DECLINED\), 1 awaiting approval$/m,
    );
    expect(run.stdout).toContain('saved in   nowhere (--memory)');
  });

  it('writes to the data folder npm start uses: the orders are there after a restart, a second run places no twin', async () => {
    const dataDir = fresh('data');
    // A lock left by a process that is gone (killed, crashed) is taken over.
    const dead = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((resolve) => dead.once('exit', () => resolve(dead.pid ?? 0)));
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: deadPid, command: 'npm start' }));

    const first = await runCli([generated, '--json', '--quiet'], dataDir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    const second = await runCli([generated, '--json', '--quiet'], dataDir);
    expect(second.code, second.stderr).toBe(0);
    for (const run of [first, second]) {
      expect(JSON.parse(run.stdout)).toMatchObject({ rows: 30, placed: 25, rejected: expectedRejections, dataDir });
    }
    // The same rows found their orders (Idempotency-Key importId#row): the same outcomes, nothing new.
    expect(JSON.parse(second.stdout).orders).toStrictEqual(expectedOrders);
    expect(readdirSync(dataDir).sort()).toStrictEqual([JOURNAL_FILE]); // the lock is released

    const server = await startPersistentApi({ dataDir, issuerKey: await generateIssuerKey() });
    try {
      expect(server.server.store.orders).toBe(25);
      const ordersOf = async (customer: string) =>
        (await server.call('GET', '/orders', { token: await server.tokenFor(customer) })).body.orders ?? [];
      expect(await ordersOf('c-1')).toMatchObject([{ status: 'CONFIRMED' }]);
      expect(await ordersOf('c-4')).toStrictEqual([]);
      expect(await ordersOf('c-24')).toMatchObject([{ status: 'CANCELLED', cancellationReason: 'PAYMENT_DECLINED' }]);
      expect(await ordersOf('c-30')).toMatchObject([{ status: 'AWAITING_APPROVAL' }]);
    } finally {
      await server.close();
    }

    // --reset: the folder starts again from the seed, so only the sample file's orders are left.
    const reset = await runCli(['examples/orders.csv', '--reset', '--json', '--quiet'], dataDir);
    expect(reset.code, reset.stderr).toBe(0);
    expect(JSON.parse(reset.stdout)).toMatchObject({
      rows: 20,
      placed: 18,
      rejected: [{ row: 7 }, { row: 15 }],
      orders: { statuses: { CONFIRMED: 15, CANCELLED: 2, AWAITING_APPROVAL: 1 } },
    });
    const after = await startPersistentApi({ dataDir, issuerKey: await generateIssuerKey() });
    expect(after.server.store.orders).toBe(18);
    await after.close();
  });

  it.concurrent('refuses a data folder held by a live process (exit 3) and leaves it alone', async () => {
    const dataDir = fresh('busy');
    mkdirSync(dataDir);
    const lock = JSON.stringify({ pid: process.pid, command: 'npm start' });
    writeFileSync(join(dataDir, LOCK_FILE), lock);
    const run = await runCli([generated], dataDir);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`is in use by process ${process.pid} (npm start)`);
    expect(run.stderr).toContain('--memory');
    expect(readdirSync(dataDir)).toStrictEqual([LOCK_FILE]);
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(lock);
  });

  describe.concurrent('files that cannot be imported: exit 2 with a message, nothing started', () => {
    const refused = async (args: readonly string[], message: RegExp) => {
      const dataDir = fresh('untouched');
      const run = await runCli(args, dataDir);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(existsSync(dataDir)).toBe(false);
    };
    it('a missing file', () => refused([join(root, 'nope.csv')], /cannot read .*nope\.csv: no such file/));
    it('a header without the import columns', () => {
      const file = fresh('wrong-header.csv');
      writeFileSync(file, 'customer,sku,qty\nc-1,MUG-LAMBDA,1\n');
      return refused(
        [file],
        /does not have the import header \(missing: customerId, quantity, name, line1, line2, city, postalCode, country, paymentToken\)/,
      );
    });
    it('a binary file', () => {
      const file = fresh('image.csv');
      writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
      return refused([file], /image\.csv is not a CSV file: it holds binary data/);
    });
    it('no file at all (usage)', () => refused([], /no CSV file given\n\nusage: npm run import -- <file\.csv>/));
  });
});
