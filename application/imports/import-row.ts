import { err, ok, type Result } from 'neverthrow';
import { CustomerId } from '#domain/shared/ids.ts';
import type { AppError } from '../errors.ts';

/** The header of an import file: one order of one line per row (README: "Bulk import"). */
export const IMPORT_COLUMNS = [
  'customerId',
  'sku',
  'quantity',
  'name',
  'line1',
  'line2',
  'city',
  'postalCode',
  'country',
  'paymentToken',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** What PlaceOrder takes for one row, and on whose behalf. */
export type OrderRequest = Readonly<{ customerId: string; body: unknown }>;

type Fields = Readonly<Record<string, string>>;
const field = (fields: Fields, column: ImportColumn): string => fields[column]?.trim() ?? '';

/**
 * A row's fields as a PlaceOrder request. Only what the use case cannot say in a row's terms is checked here:
 * columns missing from the header, the customer (PlaceOrder takes it from the actor) and a quantity that is not
 * a whole number. Everything else (SKU, address, token, quantity range) is PlaceOrder's own validation.
 */
export const orderRequestOf = (fields: Fields): Result<OrderRequest, string> => {
  const missing = IMPORT_COLUMNS.filter((c) => fields[c] === undefined);
  if (missing.length > 0) return err(`missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  const customer = CustomerId.safeParse(field(fields, 'customerId'));
  if (!customer.success)
    return err(field(fields, 'customerId') ? 'customerId: not a customer id' : 'customerId: required');
  const quantity = field(fields, 'quantity');
  if (quantity === '') return err('quantity: required');
  if (!/^[+-]?\d{1,9}$/.test(quantity)) return err('quantity: must be a whole number');
  const line2 = field(fields, 'line2');
  return ok({
    customerId: customer.data,
    body: {
      lines: [{ sku: field(fields, 'sku'), quantity: Number(quantity) }],
      shippingAddress: {
        name: field(fields, 'name'),
        line1: field(fields, 'line1'),
        ...(line2 && { line2 }),
        city: field(fields, 'city'),
        postalCode: field(fields, 'postalCode'),
        country: field(fields, 'country'),
      },
      paymentToken: field(fields, 'paymentToken'),
    },
  });
};

/** `lines[0].sku` → `sku`, `shippingAddress.city` → `city`: issues in the file's own column names. */
const columnOf = (path: string): string => path.replace(/^lines\[\d+\]\./, '').replace(/^shippingAddress\./, '');

/** Why PlaceOrder refused a row, in the words of the file: `sku: unknown SKU; country: must be …`. */
export const rejectionReason = (e: AppError, fields: Fields): string => {
  if (e.kind !== 'ValidationFailed') return e.kind;
  const reasons = e.issues.map(({ path, message }) => {
    const column = columnOf(path);
    return `${column}: ${fields[column]?.trim() === '' ? 'required' : message}`;
  });
  return [...new Set(reasons)].join('; ') || e.kind;
};
