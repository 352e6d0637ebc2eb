import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openJournal, readJournal, rewriteJournal } from '#adapters/fs/journal.fs.ts';
import { createJournaledMap } from '#adapters/fs/journaled-map.fs.ts';
import { createFsOutbox, type FsOutbox } from '#adapters/fs/outbox.fs.ts';
import { foldRecords, imageRecords } from '#adapters/fs/store-image.fs.ts';
import { createFsVersionedTable } from '#adapters/fs/versioned-table.fs.ts';
import type { Versioned } from '#app/ports/versioned.ts';
import type { EventEnvelope } from '#domain/events.ts';
import { seedStock } from '../../config/seed.ts';
import { type MemoryStorage, stockTableFrom } from '../../container/memory.module.ts';
import { RETAINED_EVENTS } from '../retention.ts';
import { migrateStockRows } from './migrate-stock.ts';

export const JOURNAL_FILE = 'journal.jsonl';

export type LocalStore = Readonly<{
  storage: MemoryStorage & { outbox: FsOutbox };
  /** What the start found on disk. */
  loaded: Readonly<{ fresh: boolean; orders: number; pendingEvents: number; droppedLines: number }>;
  close: () => void;
}>;

/**
 * The local runtime's durable storage in `dir`: one JSON-lines journal for every table, the outbox and the
 * key-value maps. On open the journal is read (a torn last line from a crash is dropped), compacted to the current
 * rows and the unpublished events, and reopened for appends. A fresh folder starts from the seed stock.
 */
export const openLocalStore = ({
  dir,
  stock = seedStock,
}: Readonly<{ dir: string; stock?: Readonly<Record<string, number>> }>): LocalStore => {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, JOURNAL_FILE);
  const { records, dropped } = readJournal(file);
  const { image, invalid } = foldRecords(records);
  const fresh = records.length === 0;
  if (fresh) image.tables.set('stock', new Map(stockTableFrom(stock).rows()));
  migrateStockRows(image.tables);
  rewriteJournal(file, imageRecords(image));
  const journal = openJournal(file);
  const rows = <T>(name: string) => (image.tables.get(name) ?? new Map()) as Map<string, Versioned<T>>;
  const entries = <V>(name: string) => (image.maps.get(name) ?? new Map()) as Map<string, V>;
  const storage = {
    orders: createFsVersionedTable({ journal, name: 'orders', initial: rows('orders') }),
    stock: createFsVersionedTable({ journal, name: 'stock', initial: rows('stock') }),
    holds: createFsVersionedTable({ journal, name: 'holds', initial: rows('holds') }),
    payments: createFsVersionedTable({ journal, name: 'payments', initial: rows('payments') }),
    outbox: createFsOutbox({
      journal,
      // Our own records, written from validated envelopes: trusted as such.
      pending: [...image.pending.values()] as EventEnvelope[],
      lastSeq: image.lastSeq,
      retain: RETAINED_EVENTS,
    }),
    idempotency: createJournaledMap(journal, 'idempotency', entries('idempotency')) as MemoryStorage['idempotency'],
    approvals: createJournaledMap<string>(journal, 'approvals', entries('approvals')),
  } satisfies MemoryStorage;
  return {
    storage,
    loaded: {
      fresh,
      orders: rows('orders').size,
      pendingEvents: image.pending.size,
      droppedLines: dropped + invalid,
    },
    close: journal.close,
  };
};

/** `--reset`: the journal goes, the issuer key stays (tokens already handed out keep working). */
export const resetLocalStore = (dir: string) => {
  rmSync(join(dir, JOURNAL_FILE), { force: true });
  rmSync(join(dir, `${JOURNAL_FILE}.tmp`), { force: true });
};
