import { type Options, parse } from 'csv-parse/sync';
import type { CsvRow, CsvRows } from '#app/ports/csv-rows.ts';
import { type Line, linesOf } from './lines.ts';

export type CsvParseRowsOptions = Readonly<{
  /** Longer lines are rejected unread (a chunk message must stay well under SQS's 256 KiB). */
  maxLineLength?: number;
  /** Lines parsed per csv-parse call on the fast path. */
  blockLines?: number;
}>;

const OPTIONS: Options = { relax_column_count: true, trim: true };

type TextLine = Readonly<{ number: number; text: string }>;
type Parsed = Readonly<{ line: TextLine; fields?: string[]; error?: string }>;

const describe = (e: unknown): string => {
  const message = e instanceof Error ? e.message : String(e);
  // Each line is parsed on its own, so csv-parse's "at line 1" would mislead: the row number says where.
  return `malformed CSV line: ${message.replace(/ at line \d+/, '')}`;
};

const parseLine = (line: TextLine): Parsed => {
  try {
    const records = parse(line.text, OPTIONS) as string[][];
    return records.length === 1
      ? { line, fields: records[0] ?? [] }
      : { line, error: 'malformed CSV line: not one record' };
  } catch (e) {
    return { line, error: describe(e) };
  }
};

/**
 * Fast path: a block of lines in one csv-parse call. If any line of the block is malformed (or a quoted field
 * spans lines), the block is parsed again line by line, so the fault stays on its own line: parsing the file as
 * one stream, an unclosed or misplaced quote swallows every following line into one broken record.
 */
const parseBlock = (lines: readonly TextLine[]): Parsed[] => {
  try {
    const records = parse(lines.map((l) => l.text).join('\n'), OPTIONS) as string[][];
    if (records.length === lines.length) return lines.map((line, i) => ({ line, fields: records[i] ?? [] }));
  } catch {
    // fall through: find the faulty line(s)
  }
  return lines.map(parseLine);
};

const isBlank = (line: Line): boolean => 'text' in line && line.text.trim() === '';

/**
 * CSV rows through csv-parse: one record per line (quoted fields may hold delimiters and doubled quotes, not line
 * breaks), the first non-blank line is the header, blank lines are skipped. Row n is the n-th line after the
 * header, so a rejected row is easy to find in the file. A line that is not CSV, has the wrong number of fields,
 * or is too long becomes a row with an error instead of stopping the import.
 */
export const createCsvParseRows = ({ maxLineLength = 4_096, blockLines = 200 }: CsvParseRowsOptions = {}): CsvRows =>
  async function* (stream) {
    let header: { line: number; columns?: string[]; error?: string } | undefined;
    let block: TextLine[] = [];
    const rowsOf = (parsed: readonly Parsed[]): CsvRow[] =>
      parsed.map(({ line, fields, error }) => {
        const row = line.number - (header?.line ?? 0);
        if (header?.error) return { row, error: header.error };
        if (error || !fields) return { row, error: error ?? 'malformed CSV line' };
        const columns = header?.columns ?? [];
        if (fields.length !== columns.length) {
          return { row, error: `malformed CSV line: expected ${columns.length} fields, found ${fields.length}` };
        }
        return { row, fields: Object.fromEntries(columns.map((c, i) => [c, fields[i] ?? ''])) };
      });

    for await (const line of linesOf(stream, maxLineLength)) {
      if (isBlank(line)) continue;
      if (!header) {
        const parsed: Partial<Parsed> = 'text' in line ? parseLine(line) : { error: 'header line too long' };
        header = parsed.fields
          ? { line: line.number, columns: parsed.fields.map((c) => c.trim()) }
          : { line: line.number, error: `unreadable header (line ${line.number}): ${parsed.error}` };
        continue;
      }
      if ('tooLong' in line) {
        yield* rowsOf(parseBlock(block));
        block = [];
        yield { row: line.number - header.line, error: `line longer than ${maxLineLength} characters` };
        continue;
      }
      block.push(line);
      if (block.length >= blockLines) {
        yield* rowsOf(parseBlock(block));
        block = [];
      }
    }
    yield* rowsOf(parseBlock(block));
  };
