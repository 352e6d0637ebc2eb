import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { err, ok, type Result } from 'neverthrow';
import { IMPORT_COLUMNS } from '#app/imports/import-row.ts';

/** A file fit to import: its bytes as read, and what the progress bar needs before the splitter has counted. */
export type ImportFile = Readonly<{
  path: string;
  body: Uint8Array;
  /** Data rows as the splitter numbers them: non-blank lines after the header. */
  rows: number;
  warnings: readonly string[];
}>;

export type ImportFileError = Readonly<
  | { kind: 'FileUnreadable'; path: string; reason: string }
  | { kind: 'NotCsv'; path: string; reason: string }
  | { kind: 'WrongHeader'; path: string; missing: readonly string[]; found: readonly string[] }
>;

export const EXPECTED_HEADER = IMPORT_COLUMNS.join(',');

export const fileErrorMessage = (e: ImportFileError): string => {
  switch (e.kind) {
    case 'FileUnreadable':
      return `cannot read ${e.path}: ${e.reason}`;
    case 'NotCsv':
      return `${e.path} is not a CSV file: ${e.reason}`;
    case 'WrongHeader':
      return (
        `${e.path} does not have the import header (missing: ${e.missing.join(', ')}).\n` +
        `  expected: ${EXPECTED_HEADER}\n  found:    ${e.found.join(',')}`
      );
  }
};

const reasonOf = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
};

const headerOf = (line: string): string[] | undefined => {
  try {
    const records = parse(line, { relax_column_count: true, trim: true }) as string[][];
    return records.length === 1 ? (records[0] ?? []) : undefined;
  } catch {
    return undefined;
  }
};

/** Reads the file and checks it (see inspectImportFile). */
export const readImportFile = async (path: string): Promise<Result<ImportFile, ImportFileError>> => {
  try {
    return inspectImportFile(path, await readFile(path));
  } catch (e) {
    return err({ kind: 'FileUnreadable', path, reason: reasonOf(e) });
  }
};

/**
 * Checks a file before anything is started. The import flow itself never stops on a bad line (each becomes a
 * rejected row), so a file that is not CSV at all, or lacks a column, would come back as every row rejected: the
 * command refuses it up front instead. The header is read as the splitter reads it (first non-blank line, BOM
 * dropped, fields trimmed); extra columns are allowed (the flow ignores them) but mentioned.
 */
export const inspectImportFile = (path: string, body: Uint8Array): Result<ImportFile, ImportFileError> => {
  if (body.subarray(0, 64 * 1024).includes(0)) return err({ kind: 'NotCsv', path, reason: 'it holds binary data' });
  const warnings: string[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    text = new TextDecoder('utf-8').decode(body);
    warnings.push('the file is not valid UTF-8: undecodable bytes are read as U+FFFD');
  }
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return err({ kind: 'NotCsv', path, reason: 'it is empty' });
  const found = headerOf(lines[first]?.replace(/\r$/, '') ?? '');
  if (!found) return err({ kind: 'NotCsv', path, reason: `line ${first + 1} (the header) is not a CSV line` });
  const missing = IMPORT_COLUMNS.filter((c) => !found.includes(c));
  if (missing.length > 0) return err({ kind: 'WrongHeader', path, missing, found });
  const extra = found.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
  if (extra.length > 0) warnings.push(`column${extra.length > 1 ? 's' : ''} ignored: ${extra.join(', ')}`);
  const rows = lines.slice(first + 1).filter((l) => l.trim() !== '').length;
  return ok({ path, body, rows, warnings });
};
