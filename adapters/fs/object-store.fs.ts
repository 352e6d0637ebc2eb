import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errAsync, ResultAsync } from 'neverthrow';
import { type Unavailable, unavailable } from '#app/errors.ts';
import { type ObjectNotFound, type ObjectStore, objectNotFound, readAllText } from '#app/ports/object-store.ts';

const MAX_NAME_BYTES = 200; // file systems allow 255; leave room

/**
 * One file per key in a flat folder, so that keys `a` and `a/b` can both exist as in S3. The name is the
 * URI-encoded key (readable, reversible); a leading dot is encoded too, so no key can be `.`, `..` or hidden;
 * a key too long for a file name is stored under `#` + its SHA-256 (`#` never appears in an encoded name).
 */
export const fileNameOf = (key: string): string => {
  let encoded: string;
  try {
    encoded = encodeURIComponent(key).replace(/^\./, '%2E');
  } catch {
    encoded = ''; // a lone surrogate cannot be encoded: fall back to the hash
  }
  if (key.length === 0) return '%';
  return encoded && Buffer.byteLength(encoded) <= MAX_NAME_BYTES
    ? encoded
    : `#${createHash('sha256').update(key, 'utf8').digest('hex')}`;
};

const isMissing = (e: unknown) => typeof e === 'object' && e !== null && 'code' in e && e.code === 'ENOENT';

/** Objects as files under `root` (the local runtime's data folder); writes are atomic (temp file + rename). */
export const createFsObjectStore = ({ root }: { root: string }): ObjectStore => {
  const temp = join(root, '.tmp');
  const getStream = (key: string): ResultAsync<AsyncIterable<Uint8Array>, ObjectNotFound | Unavailable> =>
    // Opening first makes a missing object an error value now, not a throw in the middle of iteration.
    ResultAsync.fromPromise(open(join(root, fileNameOf(key)), 'r'), (e) =>
      isMissing(e) ? objectNotFound(key) : unavailable('fs', e),
    ).map((handle) => handle.createReadStream({ autoClose: true }));

  return {
    getStream,
    getText: (key) =>
      getStream(key).andThen((stream) =>
        ResultAsync.fromPromise(readAllText(stream), (e): ObjectNotFound | Unavailable => unavailable('fs', e)),
      ),
    put: (key, body) => {
      if (key.length === 0) return errAsync(unavailable('fs', 'an object key cannot be empty'));
      const staging = join(temp, `${randomUUID()}.part`);
      const write = async () => {
        await mkdir(temp, { recursive: true });
        try {
          await writeFile(staging, body);
          await rename(staging, join(root, fileNameOf(key)));
        } catch (e) {
          await rm(staging, { force: true });
          throw e;
        }
      };
      return ResultAsync.fromPromise(write(), (e) => unavailable('fs', e));
    },
  };
};
