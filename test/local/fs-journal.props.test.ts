import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { openJournal, readJournal, rewriteJournal } from '#adapters/fs/journal.fs.ts';
import { createJournaledMap } from '#adapters/fs/journaled-map.fs.ts';
import { foldRecords, imageRecords } from '#adapters/fs/store-image.fs.ts';
import { createFsVersionedTable } from '#adapters/fs/versioned-table.fs.ts';
import { createVersionedTable } from '#adapters/memory/versioned-table.memory.ts';
import type { Versioned } from '#app/ports/versioned.ts';

const root = mkdtempSync(join(tmpdir(), 'orderly-journal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshFile = () => join(root, `j-${++n}.jsonl`);

const reload = <T>(file: string, name: string) => {
  const { image } = foldRecords(readJournal(file).records);
  return createFsVersionedTable<T>({
    journal: openJournal(freshFile()),
    name,
    initial: (image.tables.get(name) ?? new Map()) as Map<string, Versioned<T>>,
  });
};

const key = fc.constantFrom('a', 'b', 'c', 'd', 'é/ü', '');
const state = fc.jsonValue();
const puts = fc.array(fc.array(fc.tuple(key, state), { minLength: 1, maxLength: 3 }), { maxLength: 25 });

describe('fs versioned table', () => {
  test.prop([puts])('any sequence of puts, reloaded from disk, gives the same rows and versions', (batches) => {
    const file = freshFile();
    const journal = openJournal(file);
    const table = createFsVersionedTable<unknown>({ journal, name: 't' });
    const model = createVersionedTable<unknown>();
    for (const batch of batches) {
      table.put(batch);
      model.put(batch);
      journal.commit();
    }
    journal.close();
    const byKey = (rows: ReadonlyArray<readonly [string, unknown]>) => [...rows].sort(([a], [b]) => (a < b ? -1 : 1));
    // JSON is what is stored: -0 and undefined-in-arrays come back as JSON says.
    const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;
    expect(byKey(reload(file, 't').rows())).toEqual(json(byKey(model.rows())));
    expect(byKey(table.rows())).toEqual(json(byKey(model.rows())));
  });

  test.prop([puts, fc.nat(), fc.nat()])(
    'a torn last line (crash mid-append) is dropped on load; every complete commit is kept',
    (batches, cut, junk) => {
      const file = freshFile();
      const journal = openJournal(file);
      const table = createFsVersionedTable<unknown>({ journal, name: 't' });
      for (const batch of batches) {
        table.put(batch);
        journal.commit();
      }
      journal.close();
      const complete = readFileSync(file, 'utf8');
      const torn = JSON.stringify([{ k: 'row', t: 't', key: 'a', v: 99, s: { junk } }]);
      appendFileSync(file, torn.slice(0, cut % torn.length)); // no newline: the write never finished
      const loaded = readJournal(file);
      expect(loaded.dropped).toBe(cut % torn.length === 0 ? 0 : 1);
      expect(foldRecords(loaded.records).image).toEqual(foldRecords(readJournal(freshCopy(complete)).records).image);
    },
  );

  test.prop([puts])('compaction keeps the rows and versions', (batches) => {
    const file = freshFile();
    const journal = openJournal(file);
    const table = createFsVersionedTable<unknown>({ journal, name: 't' });
    for (const batch of batches) table.put(batch);
    journal.close();
    const before = foldRecords(readJournal(file).records).image;
    rewriteJournal(file, imageRecords(before));
    expect(foldRecords(readJournal(file).records).image).toEqual(before);
  });
});

const freshCopy = (text: string) => {
  const file = freshFile();
  writeFileSync(file, text);
  return file;
};

describe('journal', () => {
  test('staged records are committed before the next macrotask even without commit()', async () => {
    const file = freshFile();
    const journal = openJournal(file);
    const map = createJournaledMap<number>(journal, 'm');
    map.set('x', 1);
    map.set('y', 2);
    map.delete('x');
    map.delete('absent');
    await Promise.resolve();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1); // one commit, one line
    journal.close();
    const { image } = foldRecords(readJournal(file).records);
    expect([...(image.maps.get('m') ?? [])]).toEqual([['y', 2]]);
  });

  test('outbox marks: only events after the last published mark are pending', () => {
    const records = [
      { k: 'evt', seq: 1, e: 'a' },
      { k: 'evt', seq: 2, e: 'b' },
      { k: 'pub', through: 1 },
      { k: 'evt', seq: 3, e: 'c' },
      { nonsense: true },
    ];
    const { image, invalid } = foldRecords(records);
    expect([...image.pending]).toEqual([
      [2, 'b'],
      [3, 'c'],
    ]);
    expect(image.lastSeq).toBe(3);
    expect(invalid).toBe(1);
    expect(foldRecords(imageRecords(image)).image).toEqual(image);
  });
});
