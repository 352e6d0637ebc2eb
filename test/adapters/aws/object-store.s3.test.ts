import { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createS3ObjectStore } from '#adapters/s3/object-store.s3.ts';
import { awsError, fakeAws } from './fixtures.ts';

const s3 = mockClient(S3Client);
const store = createS3ObjectStore({ client: new S3Client(fakeAws), bucket: 'orderly-imports' });

/** What GetObject's Body is in Node: a Readable (the SDK adds transform helpers we do not rely on). */
const body = (...chunks: (string | Uint8Array)[]) =>
  Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : Buffer.from(c)))) as never;

describe('S3 object store (GetObject / PutObject request contract)', () => {
  beforeEach(() => s3.reset());

  it('puts text with a UTF-8 content type, bytes as octet-stream, or the type given', async () => {
    s3.on(PutObjectCommand).resolves({});
    await store.put('a.txt', 'héllo');
    await store.put('b.bin', new Uint8Array([1, 2]));
    await store.put('c.csv', 'sku,qty', 'text/csv');
    expect(s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'orderly-imports', Key: 'a.txt', Body: 'héllo', ContentType: 'text/plain; charset=utf-8' },
      {
        Bucket: 'orderly-imports',
        Key: 'b.bin',
        Body: new Uint8Array([1, 2]),
        ContentType: 'application/octet-stream',
      },
      { Bucket: 'orderly-imports', Key: 'c.csv', Body: 'sku,qty', ContentType: 'text/csv' },
    ]);
  });

  it('streams the body chunk by chunk, and decodes text across chunk boundaries', async () => {
    const euro = Buffer.from('€'); // 3 bytes, split over two chunks below
    s3.on(GetObjectCommand, { Bucket: 'orderly-imports', Key: 'big.csv' }).resolves({
      Body: body('sku,qty\n', euro.subarray(0, 1), euro.subarray(1), '\nSKU-A,1\n'),
    });
    const chunks: Uint8Array[] = [];
    for await (const chunk of (await store.getStream('big.csv'))._unsafeUnwrap()) chunks.push(chunk);
    expect(chunks).toHaveLength(4);
    expect(Buffer.concat(chunks).toString()).toBe('sku,qty\n€\nSKU-A,1\n');

    s3.on(GetObjectCommand).resolves({ Body: body('sku,qty\n', euro.subarray(0, 2), euro.subarray(2)) });
    expect((await store.getText('big.csv'))._unsafeUnwrap()).toBe('sku,qty\n€');
  });

  it('answers NoSuchKey with ObjectNotFound, and other failures with Unavailable', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ $metadata: {}, message: 'The specified key does not exist.' }));
    expect((await store.getText('missing.csv'))._unsafeUnwrapErr()).toEqual({
      kind: 'ObjectNotFound',
      key: 'missing.csv',
    });
    s3.on(GetObjectCommand).rejects(awsError('AccessDenied', 'Access Denied'));
    expect((await store.getStream('secret.csv'))._unsafeUnwrapErr()).toEqual({
      kind: 'Unavailable',
      dependency: 's3',
      message: 'Access Denied',
    });
    s3.on(PutObjectCommand).rejects(awsError('SlowDown', 'Please reduce your request rate.'));
    expect((await store.put('x', 'y'))._unsafeUnwrapErr().kind).toBe('Unavailable');
  });

  it('surfaces a body that breaks mid-stream as an error thrown by the iteration', async () => {
    const broken = new Readable({
      read() {
        this.push(Buffer.from('first'));
        this.destroy(new Error('socket hang up'));
      },
    });
    s3.on(GetObjectCommand).resolves({ Body: broken as never });
    expect((await store.getText('x'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'Unavailable',
      message: 'socket hang up',
    });
  });

  it('never sends an empty key', async () => {
    expect((await store.put('', 'x'))._unsafeUnwrapErr().kind).toBe('Unavailable');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});
