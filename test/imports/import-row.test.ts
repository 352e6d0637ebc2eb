import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS } from '#app/imports/import-row.ts';
import { goodRow, type RowFields } from './import-harness.ts';
import { ctx, importFixture } from './unit-fixture.ts';

const place = async (fields: Readonly<Record<string, string>>, row = 7) => {
  const f = importFixture();
  const out = await f.placeImportedOrder({ importId: 'imp', row: { row, fields } }, ctx);
  return { out, f };
};
const reasonFor = async (overrides: Partial<RowFields>) => {
  const { out } = await place(goodRow(7, overrides));
  const e = out._unsafeUnwrapErr();
  expect(e.kind).toBe('RowRejected');
  return e.kind === 'RowRejected' ? e.reason : '';
};

describe('a row as an order', () => {
  it('places the order for the row’s customer, with the row’s address and line, under its import key', async () => {
    const { out, f } = await place(goodRow(7, { line2: 'Flat 2', sku: 'BOOK-EIP', quantity: ' 3 ' }));
    expect(out._unsafeUnwrap()).toMatchObject({ row: 7 });
    const placed = f.events('OrderPlaced')[0];
    expect(placed?.data).toMatchObject({
      customerId: 'c-7',
      lines: [{ sku: 'BOOK-EIP', quantity: 3 }],
      shippingAddress: { name: 'Customer 7', line1: '7 Main St', line2: 'Flat 2', city: 'Paris', country: 'FR' },
    });
    expect(placed?.causationId).toBe('import:imp#7');
    expect(placed?.correlationId).toBe(ctx.correlationId);
  });

  it.each<[string, Partial<RowFields>, string]>([
    ['unknown SKU', { sku: 'NOPE' }, 'sku: unknown SKU'],
    ['SKU not upper-case', { sku: 'mug-lambda' }, 'sku: must be upper-case letters, digits and dashes'],
    ['zero quantity', { quantity: '0' }, 'quantity: Too small: expected number to be >=1'],
    ['negative quantity', { quantity: '-2' }, 'quantity: Too small: expected number to be >=1'],
    ['quantity too large', { quantity: '1001' }, 'quantity: Too big: expected number to be <=1000'],
    ['non-integer quantity', { quantity: '1.5' }, 'quantity: must be a whole number'],
    ['text quantity', { quantity: 'two' }, 'quantity: must be a whole number'],
    ['missing quantity', { quantity: '' }, 'quantity: required'],
    ['missing customer', { customerId: '  ' }, 'customerId: required'],
    ['missing name', { name: '' }, 'name: required'],
    ['missing city and postal code', { city: '', postalCode: '' }, 'city: required; postalCode: required'],
    ['bad country', { country: 'France' }, 'country: must be an ISO 3166-1 alpha-2 code'],
    ['lower-case country', { country: 'fr' }, 'country: must be an ISO 3166-1 alpha-2 code'],
    ['bad token', { paymentToken: 'visa' }, 'paymentToken: must be a payment token (tok_…)'],
    ['missing token', { paymentToken: '' }, 'paymentToken: required'],
  ])('%s → %s', async (_, overrides, reason) => {
    expect(await reasonFor(overrides)).toBe(reason);
  });

  it('a header without some columns rejects the row naming them', async () => {
    const { customerId: _, paymentToken: __, ...rest } = goodRow(1);
    const e = (await place(rest)).out._unsafeUnwrapErr();
    expect(e).toStrictEqual({ kind: 'RowRejected', row: 7, reason: 'missing columns: customerId, paymentToken' });
  });

  it('a line that was not CSV is rejected with the reader’s reason', async () => {
    const f = importFixture();
    const out = await f.placeImportedOrder({ importId: 'imp', row: { row: 3, error: 'malformed CSV line: x' } }, ctx);
    expect(out._unsafeUnwrapErr()).toStrictEqual({ kind: 'RowRejected', row: 3, reason: 'malformed CSV line: x' });
  });

  it('the same row twice is one order; extra columns are ignored', async () => {
    const f = importFixture();
    const row = { row: 9, fields: { ...goodRow(9), note: 'gift' } };
    const first = (await f.placeImportedOrder({ importId: 'imp', row }, ctx))._unsafeUnwrap();
    const second = (await f.placeImportedOrder({ importId: 'imp', row }, ctx))._unsafeUnwrap();
    expect(second).toStrictEqual(first);
    expect(f.ordersPlaced()).toBe(1);
    // The same row number of another import is another order.
    (await f.placeImportedOrder({ importId: 'imp-other', row }, ctx))._unsafeUnwrap();
    expect(f.ordersPlaced()).toBe(2);
  });

  it('documents the columns in file order', () => {
    expect(IMPORT_COLUMNS.join(',')).toBe(
      'customerId,sku,quantity,name,line1,line2,city,postalCode,country,paymentToken',
    );
  });
});
