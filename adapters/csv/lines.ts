/** One physical line of a text stream, numbered from 1, without its line break; or a line that was too long. */
export type Line = Readonly<{ number: number; text: string }> | Readonly<{ number: number; tooLong: true }>;

/**
 * Splits a byte stream into lines as it arrives (LF or CRLF; a BOM is dropped; bad UTF-8 becomes U+FFFD). A line
 * longer than `maxLength` is reported as such and its text discarded, so one line without a break can never make
 * the reader hold the whole file.
 */
export async function* linesOf(stream: AsyncIterable<Uint8Array>, maxLength: number): AsyncIterable<Line> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let overflow = false;
  let number = 0;
  const emit = (text: string): Line => {
    number++;
    const line: Line = overflow
      ? { number, tooLong: true }
      : { number, text: text.endsWith('\r') ? text.slice(0, -1) : text };
    overflow = false;
    return line;
  };
  const drain = function* (text: string): Iterable<Line> {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield emit(text.slice(start, nl));
      start = nl + 1;
    }
    pending = text.slice(start);
    if (pending.length > maxLength) {
      overflow = true;
      pending = '';
    }
  };
  for await (const bytes of stream) yield* drain(pending + decoder.decode(bytes, { stream: true }));
  const rest = pending + decoder.decode();
  yield* drain(rest);
  if (pending.length > 0 || overflow) yield emit(pending);
}
