import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { err, errAsync, ok, ResultAsync } from 'neverthrow';
import { type Unavailable, unavailable } from '#app/errors.ts';
import {
  defaultContentType,
  type ObjectNotFound,
  type ObjectStore,
  objectNotFound,
  readAllText,
} from '#app/ports/object-store.ts';

export type S3ObjectStoreConfig = Readonly<{ client: S3Client; bucket: string }>;

const isNotFound = (e: unknown) => e instanceof Error && (e.name === 'NoSuchKey' || e.name === 'NotFound');

/** What GetObject's Body is in Node (a Readable) and elsewhere (a web stream or blob), read chunk by chunk. */
const chunksOf = (body: unknown): AsyncIterable<Uint8Array> | undefined => {
  if (typeof body !== 'object' || body === null) return undefined;
  if (Symbol.asyncIterator in body) return body as AsyncIterable<Uint8Array>;
  if ('transformToByteArray' in body && typeof body.transformToByteArray === 'function') {
    const bytes = body.transformToByteArray as () => Promise<Uint8Array>;
    return (async function* () {
      yield await bytes();
    })();
  }
  return undefined;
};

export const createS3ObjectStore = ({ client, bucket }: S3ObjectStoreConfig): ObjectStore => {
  const getStream = (key: string): ResultAsync<AsyncIterable<Uint8Array>, ObjectNotFound | Unavailable> =>
    ResultAsync.fromPromise(client.send(new GetObjectCommand({ Bucket: bucket, Key: key })), (e) =>
      isNotFound(e) ? objectNotFound(key) : unavailable('s3', e),
    ).andThen(({ Body }) => {
      const chunks = chunksOf(Body);
      return chunks ? ok(chunks) : err(unavailable('s3', `GetObject ${key} returned no readable body`));
    });

  return {
    getStream,
    getText: (key) =>
      getStream(key).andThen((chunks) =>
        ResultAsync.fromPromise(readAllText(chunks), (e): ObjectNotFound | Unavailable => unavailable('s3', e)),
      ),
    put: (key, body, contentType) =>
      key.length === 0
        ? errAsync(unavailable('s3', 'an object key cannot be empty'))
        : ResultAsync.fromPromise(
            client.send(
              new PutObjectCommand({
                Bucket: bucket,
                Key: key,
                Body: body,
                ContentType: contentType ?? defaultContentType(body),
              }),
            ),
            (e) => unavailable('s3', e),
          ).map(() => undefined),
  };
};
