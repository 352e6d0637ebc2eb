import { IMPORT_COLUMNS } from '#app/imports/import-row.ts';
import { type AttachImportsOptions, attachImports } from '#infra/local/imports.local.ts';
import type { LocalSystemOptions } from '#infra/local/system.ts';
import { startSystem } from '#test/system/harness.ts';

export const HEADER = IMPORT_COLUMNS.join(',');

export type RowFields = Record<(typeof IMPORT_COLUMNS)[number], string>;

/** A row that places an order of one cheap line (no approval needed), for customer `c-<n>`. */
export const goodRow = (n: number, overrides: Partial<RowFields> = {}): RowFields => ({
  customerId: `c-${n}`,
  sku: 'MUG-LAMBDA',
  quantity: '1',
  name: `Customer ${n}`,
  line1: `${n} Main St`,
  line2: '',
  city: 'Paris',
  postalCode: '75001',
  country: 'FR',
  paymentToken: 'tok_visa',
  ...overrides,
});

/** One CSV line from fields, quoting only what needs it. */
export const csvLine = (fields: RowFields): string =>
  IMPORT_COLUMNS.map((c) => {
    const v = fields[c];
    return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }).join(',');

export const csvOf = (lines: readonly string[]): string => [HEADER, ...lines].join('\n');

/** Plenty of every SKU, so that no import test is about stock. */
export const bigStock = (n = 10_000_000): Record<string, number> =>
  Object.fromEntries(
    ['BOOK-DDD', 'BOOK-EIP', 'MUG-LAMBDA', 'TEE-EVENTS', 'KBD-MECH', 'LAPTOP-PRO', 'DESK-OAK', 'LIMITED-PRINT'].map(
      (sku) => [sku, n],
    ),
  );

/** The whole local system on virtual time with the import flow plugged in. */
export const startImports = (
  opts: Partial<Pick<LocalSystemOptions, 'mode' | 'faults'>> &
    Partial<Omit<AttachImportsOptions, 'scheduler'>> & { stock?: Record<string, number> } = {},
) => {
  const s = startSystem({
    mode: opts.mode ?? 'orchestration',
    memory: { stock: opts.stock ?? bigStock() },
    ...(opts.faults && { faults: opts.faults }),
  });
  const imports = attachImports(s.system, {
    scheduler: s.scheduler,
    ...(opts.chunkSize && { chunkSize: opts.chunkSize }),
    ...(opts.log && { log: opts.log }),
    ...(opts.objects && { objects: opts.objects }),
    ...(opts.faults && { faults: opts.faults }),
  });
  return { ...s, imports };
};
