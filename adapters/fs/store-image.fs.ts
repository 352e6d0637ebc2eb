import { z } from 'zod';
import type { Versioned } from '#app/ports/versioned.ts';

/**
 * What the local journal holds, one record per change:
 * - `row`: a versioned table row at an absolute version (replaying a row twice is harmless);
 * - `evt`: an event committed to the outbox, numbered in commit order;
 * - `pub`: every event up to `through` is on the bus (the relay publishes in commit order);
 * - `set`/`del`: plain key-value maps (idempotency records, approval task tokens).
 */
export const StoreRecord = z.discriminatedUnion('k', [
  z.object({ k: z.literal('row'), t: z.string(), key: z.string(), v: z.number().int().positive(), s: z.unknown() }),
  z.object({ k: z.literal('evt'), seq: z.number().int().positive(), e: z.unknown() }),
  z.object({ k: z.literal('pub'), through: z.number().int().nonnegative() }),
  z.object({ k: z.literal('set'), t: z.string(), key: z.string(), val: z.unknown() }),
  z.object({ k: z.literal('del'), t: z.string(), key: z.string() }),
]);
export type StoreRecord = z.infer<typeof StoreRecord>;

export type StoreImage = {
  tables: Map<string, Map<string, Versioned<unknown>>>;
  maps: Map<string, Map<string, unknown>>;
  /** Committed events not yet known to be published, by sequence number (ascending insertion order). */
  pending: Map<number, unknown>;
  lastSeq: number;
  publishedThrough: number;
};

export const emptyImage = (): StoreImage => ({
  tables: new Map(),
  maps: new Map(),
  pending: new Map(),
  lastSeq: 0,
  publishedThrough: 0,
});

const child = <V>(parent: Map<string, Map<string, V>>, name: string) => {
  const found = parent.get(name) ?? new Map<string, V>();
  parent.set(name, found);
  return found;
};

/** Folds records into the state they describe; records that are not store records are counted, not applied. */
export const foldRecords = (records: readonly unknown[], image = emptyImage()) => {
  let invalid = 0;
  for (const raw of records) {
    const parsed = StoreRecord.safeParse(raw);
    if (!parsed.success) {
      invalid++;
      continue;
    }
    const r = parsed.data;
    switch (r.k) {
      case 'row':
        child(image.tables, r.t).set(r.key, { state: r.s, version: r.v });
        break;
      case 'evt':
        image.lastSeq = Math.max(image.lastSeq, r.seq);
        if (r.seq > image.publishedThrough) image.pending.set(r.seq, r.e);
        break;
      case 'pub':
        image.publishedThrough = Math.max(image.publishedThrough, r.through);
        for (const seq of image.pending.keys()) if (seq <= image.publishedThrough) image.pending.delete(seq);
        break;
      case 'set':
        child(image.maps, r.t).set(r.key, r.val);
        break;
      case 'del':
        child(image.maps, r.t).delete(r.key);
        break;
    }
  }
  return { image, invalid };
};

/** The fewest records that rebuild `image`: the compacted journal. Published events are dropped. */
export const imageRecords = (image: StoreImage): StoreRecord[] => [
  ...[...image.tables].flatMap(([t, rows]) =>
    [...rows].map(([key, row]): StoreRecord => ({ k: 'row', t, key, v: row.version, s: row.state })),
  ),
  ...[...image.maps].flatMap(([t, entries]) =>
    [...entries].map(([key, val]): StoreRecord => ({ k: 'set', t, key, val })),
  ),
  { k: 'pub', through: image.publishedThrough },
  ...[...image.pending].map(([seq, e]): StoreRecord => ({ k: 'evt', seq, e })),
];
