/**
 * One data row of a CSV file, numbered from 1 (the header is not a data row): its fields by header name, or why
 * the line could not be read as CSV. A bad line is a row like any other, so it can be reported, never skipped.
 */
export type CsvRow =
  | Readonly<{ row: number; fields: Readonly<Record<string, string>> }>
  | Readonly<{ row: number; error: string }>;

/**
 * Reads CSV as it streams in (a file never has to fit in memory). The first non-blank line is the header.
 * A failure of the stream itself (connection lost mid-file) surfaces as a throw from the iteration.
 */
export type CsvRows = (stream: AsyncIterable<Uint8Array>) => AsyncIterable<CsvRow>;
