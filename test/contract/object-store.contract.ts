import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ObjectStore } from '#app/ports/object-store.ts';

const bytesOf = async (stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> => {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream) parts.push(chunk);
  return new Uint8Array(Buffer.concat(parts));
};

/** S3-like keys: slashes, dots, spaces, unicode, and keys that are prefixes of others. */
const aKey = () =>
  fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
    fc.constantFrom('a', 'a/b', 'a/b/', '.', '..', '../x', '.hidden', 'imports/2026/01/stock.csv', ' ', '%2E', '#x'),
    fc.string({ minLength: 150, maxLength: 400 }),
  );

export const objectStoreContract = (name: string, make: () => Promise<ObjectStore>) =>
  describe(`ObjectStore contract (${name})`, () => {
    let store: ObjectStore;
    beforeEach(async () => {
      store = await make();
    });

    it('gives back text as text and as its UTF-8 bytes', async () => {
      await store.put('docs/hello.txt', 'héllo, wörld ✓');
      expect((await store.getText('docs/hello.txt'))._unsafeUnwrap()).toBe('héllo, wörld ✓');
      const stream = (await store.getStream('docs/hello.txt'))._unsafeUnwrap();
      expect(Buffer.from(await bytesOf(stream)).toString('utf8')).toBe('héllo, wörld ✓');
    });

    it('streams any bytes back unchanged, large ones too, and keeps no alias to the caller’s buffer', async () => {
      const bytes = new Uint8Array(300_000).map((_, i) => (i * 31) % 256);
      await store.put('bin/blob', bytes, 'application/octet-stream');
      bytes[0] = 255;
      const read = await bytesOf((await store.getStream('bin/blob'))._unsafeUnwrap());
      expect(read.length).toBe(300_000);
      expect(read[0]).toBe(0);
      expect(read[299_999]).toBe((299_999 * 31) % 256);
    });

    it('answers a missing key with ObjectNotFound naming it, for text and streams', async () => {
      expect((await store.getText('nope/missing.csv'))._unsafeUnwrapErr()).toEqual({
        kind: 'ObjectNotFound',
        key: 'nope/missing.csv',
      });
      expect((await store.getStream('nope/missing.csv'))._unsafeUnwrapErr().kind).toBe('ObjectNotFound');
    });

    it('refuses an empty key', async () => {
      expect((await store.put('', 'x'))._unsafeUnwrapErr().kind).toBe('Unavailable');
    });

    it('keeps every key apart and the last write of each, for any keys and contents', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(aKey(), fc.oneof(fc.string({ unit: 'grapheme' }), fc.uint8Array())), {
            minLength: 1,
            maxLength: 12,
          }),
          async (writes) => {
            const fresh = await make();
            const last = new Map<string, string | Uint8Array>();
            for (const [key, body] of writes) {
              expect((await fresh.put(key, body)).isOk()).toBe(true);
              last.set(key, body);
            }
            for (const [key, body] of last) {
              const read = await bytesOf((await fresh.getStream(key))._unsafeUnwrap());
              const expected = typeof body === 'string' ? new TextEncoder().encode(body) : body;
              expect(Buffer.from(read).equals(Buffer.from(expected))).toBe(true);
            }
          },
        ),
        { numRuns: 40 },
      );
    });
  });
