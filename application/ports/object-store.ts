import type { ResultAsync } from 'neverthrow';
import type { Unavailable } from '../errors.ts';

export type ObjectNotFound = Readonly<{ kind: 'ObjectNotFound'; key: string }>;

/**
 * Blobs by key (import files, exports). Reading streams so that a large file never has to fit in memory;
 * `AsyncIterable<Uint8Array>` keeps the port free of Node or web stream types. A failure after the first
 * chunk (connection lost mid-file) can only surface as an error thrown by the iteration.
 */
export type ObjectStore = Readonly<{
  getStream: (key: string) => ResultAsync<AsyncIterable<Uint8Array>, ObjectNotFound | Unavailable>;
  /** The whole object decoded as UTF-8. */
  getText: (key: string) => ResultAsync<string, ObjectNotFound | Unavailable>;
  put: (key: string, body: string | Uint8Array, contentType?: string) => ResultAsync<void, Unavailable>;
}>;

export const objectNotFound = (key: string): ObjectNotFound => ({ kind: 'ObjectNotFound', key });

export const defaultContentType = (body: string | Uint8Array): string =>
  typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream';

/** Reads a stream to its end and decodes it as UTF-8 (bad bytes become U+FFFD, as S3's own decoders do). */
export const readAllText = async (stream: AsyncIterable<Uint8Array>): Promise<string> => {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const chunk of stream) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
};
