import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { createCsvParseRows } from '#adapters/csv/csv-rows.csv-parse.ts';
import { IMPORT_COLUMNS } from '#app/imports/import-row.ts';
import { inspectImportFile } from '#infra/local/import-cli.file.ts';
import { type ProgressSink, progressSink } from '#infra/local/import-cli.progress.ts';
import { MAX_LISTED_REJECTIONS, textReport } from '#infra/local/import-cli.report.ts';
import type { ImportResult, Progress } from '#infra/local/import-cli.run.ts';
import { csvLine, goodRow, HEADER } from '#test/imports/import-harness.ts';

const encode = (text: string) => new TextEncoder().encode(text);

/** The bytes in arbitrary pieces, as a stream delivers them (a piece may end inside a line or a UTF-8 sequence). */
const streamOf = (bytes: Uint8Array, cuts: readonly number[]): AsyncIterable<Uint8Array> => ({
  async *[Symbol.asyncIterator]() {
    let at = 0;
    for (const cut of [...cuts.map((c) => c % (bytes.length + 1))].sort((a, b) => a - b)) {
      yield bytes.subarray(at, Math.max(at, cut));
      at = Math.max(at, cut);
    }
    yield bytes.subarray(at);
  },
});

const line = fc.oneof(
  fc.nat({ max: 999 }).map((n) => csvLine(goodRow(n + 1))),
  fc.constantFrom('', ' ', '\t', '\r', ' \r'), // blank: not a row
  fc.constantFrom('c-1,"MUG"x,1', '1,"open', 'only', ',,,,', '"a\nb"'), // malformed or cut: still rows
  fc.string({ unit: fc.constantFrom('a', ',', '"', ' ', 'é', '\u00a0', '\ufeff'), maxLength: 12 }),
);
const file = fc.record({
  bom: fc.boolean(),
  leadingBlanks: fc.array(fc.constantFrom('', ' ', '\r'), { maxLength: 2 }),
  lines: fc.array(line, { maxLength: 40 }),
  crlf: fc.boolean(),
  finalNewline: fc.boolean(),
});
type FileSpec = typeof file extends fc.Arbitrary<infer T> ? T : never;
const textOf = (f: FileSpec) => {
  const eol = f.crlf ? '\r\n' : '\n';
  const body = [...f.leadingBlanks, HEADER, ...f.lines].join(eol);
  return `${f.bom ? '\ufeff' : ''}${body}${f.finalNewline ? eol : ''}`;
};

describe('the CLI checks a file as the splitter reads it', () => {
  test.prop([file, fc.array(fc.nat(), { maxLength: 4 })])(
    'the row total of the progress bar is the number of rows the splitter reads',
    async (f, cuts) => {
      const bytes = encode(textOf(f));
      const checked = inspectImportFile('f.csv', bytes);
      expect(checked.isOk()).toBe(true);
      let read = 0;
      for await (const _ of createCsvParseRows()(streamOf(bytes, cuts))) read++;
      expect(checked._unsafeUnwrap().rows).toBe(read);
    },
  );

  test.prop([
    fc.shuffledSubarray([...IMPORT_COLUMNS], { minLength: IMPORT_COLUMNS.length }),
    fc.uniqueArray(fc.constantFrom('notes', 'email', 'Sku', 'customer'), { maxLength: 3 }),
    fc.subarray([...IMPORT_COLUMNS]),
  ])('any column order is accepted, extra columns are mentioned, missing ones are named', (order, extra, dropped) => {
    const header = [...order.filter((c) => !dropped.includes(c)), ...extra].join(',');
    const checked = inspectImportFile('f.csv', encode(`${header}\n`));
    if (header === '') {
      expect(checked._unsafeUnwrapErr()).toMatchObject({ kind: 'NotCsv', reason: 'it is empty' });
    } else if (dropped.length > 0) {
      expect(checked._unsafeUnwrapErr()).toMatchObject({ kind: 'WrongHeader', missing: dropped });
    } else {
      const warnings = checked._unsafeUnwrap().warnings;
      expect(warnings).toStrictEqual(extra.length > 0 ? [expect.stringContaining(extra.join(', '))] : []);
    }
  });

  test.prop([fc.uint8Array({ maxLength: 200 }), fc.nat()])('a file with a NUL byte is not CSV', (bytes, at) => {
    const body = new Uint8Array([...bytes]);
    const withNul = new Uint8Array([
      ...body.subarray(0, at % (body.length + 1)),
      0,
      ...body.subarray(at % (body.length + 1)),
    ]);
    expect(inspectImportFile('f.csv', withNul)._unsafeUnwrapErr()).toMatchObject({ kind: 'NotCsv' });
  });

  it('an empty file and a blank one are refused; invalid UTF-8 is read with a warning', () => {
    for (const text of ['', '\n \r\n\t\n']) {
      expect(inspectImportFile('f.csv', encode(text))._unsafeUnwrapErr()).toMatchObject({ reason: 'it is empty' });
    }
    const latin1 = new Uint8Array([
      ...encode(`${HEADER}\nc-1,MUG-LAMBDA,1,Ren`),
      0xe9,
      ...encode(',x,,P,1,FR,tok_a\n'),
    ]);
    expect(inspectImportFile('f.csv', latin1)._unsafeUnwrap()).toMatchObject({
      rows: 1,
      warnings: [expect.stringMatching(/not valid UTF-8/)],
    });
  });
});

const progressAt = (elapsedMs: number, phase: Progress['phase'], processed: number): Progress => ({
  phase,
  rows: 1000,
  processed,
  placed: processed,
  rejected: 0,
  chunksDone: 0,
  deadLettered: 0,
  orders: {},
  queued: 0,
  elapsedMs,
});

describe('plain progress lines (not a terminal)', () => {
  const EVERY = 2_000;
  const updates = fc
    .tuple(
      fc.array(fc.nat({ max: 3_000 }), { minLength: 1, maxLength: 30 }),
      fc.array(fc.nat({ max: 3_000 }), { maxLength: 10 }),
    )
    .map(([importing, settling]) => {
      const all: Progress[] = [];
      let t = 0;
      for (const [i, d] of [...importing, ...settling].entries()) {
        t += d;
        all.push(progressAt(t, i < importing.length ? 'importing' : 'settling', i));
      }
      return all;
    });

  /** Which update a line shows: each update has its own `placed` count (its index). */
  const indexOf = (line: string) =>
    Number(
      (line.match(/placed ([\d,]+),/)?.[1] ?? line.match(/orders of ([\d,]+) placed/)?.[1] ?? '-1').replace(/,/g, ''),
    );

  test.prop([updates])(
    'the first update, then at most one line per interval, and always the last of each phase',
    (all) => {
      const out: string[] = [];
      const sink: ProgressSink = progressSink(
        { write: (t) => out.push(t), isTTY: false },
        { quiet: false, everyMs: EVERY },
      );
      for (const p of all) sink.update(p);
      sink.done();
      const shown = out.map(indexOf);
      expect(out.every((l) => l.startsWith(`progress: `) && l.endsWith('\n'))).toBe(true);
      expect(shown[0]).toBe(0);
      expect(shown).toStrictEqual([...new Set(shown)].sort((a, b) => a - b)); // in order, each once
      const lastOf = new Set(
        (['importing', 'settling'] as const)
          .map((ph) => all.findLastIndex((p) => p.phase === ph))
          .filter((i) => i >= 0),
      );
      for (const i of lastOf) expect(shown).toContain(i);
      for (const [k, i] of shown.entries()) {
        const prev = shown[k - 1];
        const [a, b] = [all[prev ?? -1], all[i]];
        if (!a || !b || a.phase !== b.phase || lastOf.has(i)) continue;
        expect(b.elapsedMs - a.elapsedMs).toBeGreaterThanOrEqual(EVERY);
      }
    },
  );

  it('a terminal gets one redrawn line, cleared before a note and at the end', () => {
    const out: string[] = [];
    const sink = progressSink({ write: (t) => out.push(t), isTTY: true, columns: 200 }, { quiet: false });
    sink.update(progressAt(1_000, 'importing', 250));
    sink.note('warning: something');
    sink.update(progressAt(2_000, 'importing', 500));
    sink.done();
    expect(out.join('')).toBe(
      `importing [██████░░░░░░░░░░░░░░░░░░]  25% 250/1,000 rows, chunks 0/?, placed 250, rejected 0, 250 rows/s` +
        '\r\x1b[2Kwarning: something\n' +
        `importing [████████████░░░░░░░░░░░░]  50% 500/1,000 rows, chunks 0/?, placed 500, rejected 0, 250 rows/s` +
        '\r\x1b[2K',
    );
  });
});

describe('the text summary', () => {
  const result = (rejections: number): ImportResult => ({
    importId: 'orders-0123456789abcdef',
    objectKey: 'imports/orders.csv',
    completed: true,
    rows: 100,
    placed: 100 - rejections,
    rejected: Array.from({ length: rejections }, (_, i) => ({ row: i * 3 + 1, reason: `reason ${i}` })),
    deadLetteredChunks: 0,
    orders: { statuses: { CONFIRMED: 100 - rejections }, cancellationReasons: {} },
    importMs: 2_000,
    elapsedMs: 2_500,
  });
  test.prop([fc.nat({ max: 60 })])('lists up to 20 rejected rows, then counts the rest', (k) => {
    const text = textReport(result(k), { file: 'orders.csv', mode: 'orchestration', warnings: [] });
    const listed = text.match(/^ {4}row \d+: reason \d+$/gm) ?? [];
    expect(listed.length).toBe(Math.min(k, MAX_LISTED_REJECTIONS));
    expect(listed[0]).toBe(k > 0 ? '    row 1: reason 0' : undefined);
    const more = text.match(/… and (\d+) more/)?.[1];
    expect(more === undefined ? 0 : Number(more)).toBe(Math.max(0, k - MAX_LISTED_REJECTIONS));
    expect(text).toContain(`  rejected   ${k}\n`);
    expect(text).toContain('  time       2.00 s import (50 rows/s), 2.50 s in all');
  });
});
