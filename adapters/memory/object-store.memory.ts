import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { type Unavailable, unavailable } from '#app/errors.ts';
import { type ObjectNotFound, type ObjectStore, objectNotFound, readAllText } from '#app/ports/object-store.ts';

const CHUNK = 64 * 1024;

const chunks = (bytes: Uint8Array): AsyncIterable<Uint8Array> =>
  (async function* () {
    for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.slice(i, i + CHUNK);
  })();

/** Objects in a Map, copied on the way in and out, streamed in 64 KiB chunks like a network body. */
export const createMemoryObjectStore = (objects = new Map<string, Uint8Array>()): ObjectStore => {
  const getStream = (key: string): ResultAsync<AsyncIterable<Uint8Array>, ObjectNotFound | Unavailable> => {
    const bytes = objects.get(key);
    return bytes ? okAsync(chunks(bytes)) : errAsync(objectNotFound(key));
  };
  return {
    getStream,
    getText: (key) => getStream(key).andThen((stream) => ResultAsync.fromSafePromise(readAllText(stream))),
    put: (key, body) => {
      // S3 refuses an empty key; so does every ObjectStore, so that code tested here works there.
      if (key.length === 0) return errAsync(unavailable('memory', 'an object key cannot be empty'));
      objects.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body.slice());
      return okAsync(undefined);
    },
  };
};
