import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

/**
 * An append-only JSON-lines file. Each line is one commit: a JSON array of records written by ONE `writeSync`,
 * so a crash either keeps the whole commit or leaves a torn last line, which `readJournal` drops.
 *
 * Writes are staged and committed together: a repository's row put and the outbox append of the same save run in
 * one synchronous step, and `commit()` (called by the outbox) turns them into one line, so state and its events
 * are never split by a crash. Anything staged without an explicit commit is committed in a microtask, which still
 * runs before the caller's promise chain can acknowledge anything.
 */
export type Journal = Readonly<{
  /** Stages one record (serialized now, so later mutation of the value cannot change what is written). */
  stage: (record: unknown) => void;
  /** Stages a record already serialized as JSON (callers that need the text anyway). */
  stageText: (json: string) => void;
  /** Writes every staged record as one line. */
  commit: () => void;
  close: () => void;
}>;

export type JournalLoad = Readonly<{
  records: readonly unknown[];
  /** Lines that did not parse: only ever the last one after a crash mid-append. */
  dropped: number;
}>;

/** Every record of every complete, parseable line; a trailing line without its newline is a torn write. */
export const readJournal = (file: string): JournalLoad => {
  if (!existsSync(file)) return { records: [], dropped: 0 };
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const torn = lines.pop() ?? ''; // after the last '\n': empty, or a commit cut short
  const records: unknown[] = [];
  let dropped = torn === '' ? 0 : 1;
  for (const line of lines) {
    if (line === '') continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (Array.isArray(parsed)) records.push(...parsed);
      else dropped++;
    } catch {
      dropped++;
    }
  }
  return { records, dropped };
};

/**
 * Rewrites the journal to hold exactly `records` (one line): written to a temporary file, flushed, then renamed
 * over the old one, so a crash during compaction leaves either the old journal or the new one, never half of each.
 */
export const rewriteJournal = (file: string, records: readonly unknown[]) => {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    if (records.length > 0) writeSync(fd, `${JSON.stringify(records)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
};

export const openJournal = (file: string): Journal => {
  let fd: number | undefined = openSync(file, 'a', 0o600);
  let staged: string[] = [];
  let scheduled = false;
  const commit = () => {
    // After close (shutdown), a straggling step's write is dropped: the next start reconciles from what was kept.
    if (staged.length === 0 || fd === undefined) {
      staged = [];
      return;
    }
    const line = Buffer.from(`[${staged.join(',')}]\n`);
    staged = [];
    for (let at = 0; at < line.length; ) at += writeSync(fd, line, at);
  };
  const stageText = (json: string) => {
    staged.push(json);
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      commit();
    });
  };
  return {
    stage: (record) => stageText(JSON.stringify(record)),
    stageText,
    commit,
    close: () => {
      if (fd === undefined) return;
      commit();
      closeSync(fd);
      fd = undefined;
    },
  };
};
