import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createCsvParseRows } from '#adapters/csv/csv-rows.csv-parse.ts';
import type { CsvRow } from '#app/ports/csv-rows.ts';

const bytesOf = (text: string) => new TextEncoder().encode(text);

/** The bytes in pieces of the given sizes (cycled), as a network body arrives: cuts may split a UTF-8 character. */
const streamOf = (bytes: Uint8Array, sizes: readonly number[] = [65_536]) =>
  (async function* () {
    for (let at = 0, i = 0; at < bytes.length; i++) {
      const size = Math.max(1, sizes[i % sizes.length] ?? 1);
      yield bytes.slice(at, at + size);
      at += size;
    }
  })();

const read = async (text: string, sizes?: readonly number[], options = {}) => {
  const rows: CsvRow[] = [];
  for await (const r of createCsvParseRows(options)(streamOf(bytesOf(text), sizes))) rows.push(r);
  return rows;
};

describe('CSV rows (csv-parse)', () => {
  it('maps fields by header name and numbers rows from 1 after the header', async () => {
    expect(await read('a,b\n1,2\n"x, y","say ""hi"""\n')).toStrictEqual([
      { row: 1, fields: { a: '1', b: '2' } },
      { row: 2, fields: { a: 'x, y', b: 'say "hi"' } },
    ]);
  });

  it('skips blank lines but keeps numbering by line, accepts CRLF and a BOM, trims around fields', async () => {
    expect(await read('\uFEFF a , b \r\n\r\n1 , 2\r\n   \r\n3,"4"\r\n')).toStrictEqual([
      { row: 2, fields: { a: '1', b: '2' } },
      { row: 4, fields: { a: '3', b: '4' } },
    ]);
  });

  it('a malformed line is a row with the reason; the lines after it are read normally', async () => {
    const rows = await read('a,b\n1,2\n3,"x"y\n4,"open\n5,6\n7,8,9\n10\n');
    expect(rows.map((r) => r.row)).toStrictEqual([1, 2, 3, 4, 5, 6]);
    expect(rows[0]).toStrictEqual({ row: 1, fields: { a: '1', b: '2' } });
    expect(rows[1]).toMatchObject({
      row: 2,
      error: expect.stringMatching(/^malformed CSV line: Invalid Closing Quote/),
    });
    expect(rows[2]).toMatchObject({ row: 3, error: expect.stringMatching(/Quote Not Closed/) });
    expect(rows[3]).toStrictEqual({ row: 4, fields: { a: '5', b: '6' } });
    expect(rows[4]).toStrictEqual({ row: 5, error: 'malformed CSV line: expected 2 fields, found 3' });
    expect(rows[5]).toStrictEqual({ row: 6, error: 'malformed CSV line: expected 2 fields, found 1' });
    for (const r of rows) if ('error' in r) expect(r.error).not.toMatch(/at line/);
  });

  it('a line longer than the limit is rejected unread, without holding the rest of the file', async () => {
    const rows = await read(`a\n${'x'.repeat(50)}\nok\n${'y'.repeat(200)}`, [7], { maxLineLength: 20 });
    expect(rows).toStrictEqual([
      { row: 1, error: 'line longer than 20 characters' },
      { row: 2, fields: { a: 'ok' } },
      { row: 3, error: 'line longer than 20 characters' },
    ]);
  });

  it('no header, no rows; a header alone, no rows', async () => {
    expect(await read('')).toStrictEqual([]);
    expect(await read('\n\n')).toStrictEqual([]);
    expect(await read('a,b\n')).toStrictEqual([]);
  });

  it('an unreadable header makes every row say so', async () => {
    const rows = await read('a,"b\n1,2\n');
    expect(rows).toStrictEqual([{ row: 1, error: expect.stringMatching(/^unreadable header \(line 1\)/) }]);
  });
});

// Field text: commas, quotes, spaces inside, accents and emoji (multi-byte, so stream cuts can split them).
const fieldText = fc
  .array(fc.constantFrom('a', 'Z', '7', ',', '"', ' ', '-', 'é', '😀', '#'), { minLength: 1, maxLength: 8 })
  .map((cs) => cs.join('').trim())
  .filter((s) => s.length > 0);
const quote = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const malformed = fc.constantFrom('1,"x"y', '1,"open', 'x"y,2', '1,2,3', 'only');

type Line = { kind: 'good'; fields: [string, string] } | { kind: 'bad'; text: string } | { kind: 'blank' };
const aLine: fc.Arbitrary<Line> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fieldText, fieldText).map((fields): Line => ({ kind: 'good', fields })) },
  { weight: 2, arbitrary: malformed.map((text): Line => ({ kind: 'bad', text })) },
  { weight: 1, arbitrary: fc.constant<Line>({ kind: 'blank' }) },
);

describe('CSV rows, generated files', () => {
  test.prop(
    [
      fc.array(aLine, { maxLength: 60 }),
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 7 }),
    ],
    { numRuns: 150 },
  )(
    'every good line comes back exactly, every bad line is one error row, numbered by line',
    async (lines, sizes, crlf, blockLines) => {
      const text = [
        'p,q',
        ...lines.map((l) => (l.kind === 'good' ? l.fields.map(quote).join(',') : l.kind === 'bad' ? l.text : '')),
      ].join(crlf ? '\r\n' : '\n');
      const rows = await read(text, sizes, { blockLines });
      const expected = lines.flatMap((l, i): unknown[] =>
        l.kind === 'good'
          ? [{ row: i + 1, fields: { p: l.fields[0], q: l.fields[1] } }]
          : l.kind === 'bad'
            ? [{ row: i + 1, error: expect.stringMatching(/^malformed CSV line: /) }]
            : [],
      );
      expect(rows).toStrictEqual(expected);
    },
  );
});
