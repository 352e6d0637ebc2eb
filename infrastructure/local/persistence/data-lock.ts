import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';

export const LOCK_FILE = 'orderly.lock';

/** Another live process holds the data folder (`npm start`, or an import still running). */
export type DataDirInUse = Readonly<{ kind: 'DataDirInUse'; dir: string; file: string; pid: number; command: string }>;

export type DataLock = Readonly<{ file: string; release: () => void }>;

type Holder = Readonly<{ pid: number; command: string }>;

const holderOf = (file: string): Holder | undefined => {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, command: String(parsed.command ?? '?') } : undefined;
  } catch {
    return undefined; // unreadable or half-written by a process that died: nobody holds it
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, but someone else's
  }
};

const tryCreate = (file: string, command: string): boolean => {
  try {
    const fd = openSync(file, 'wx', 0o600);
    writeSync(fd, JSON.stringify({ pid: process.pid, command, startedAt: new Date().toISOString() }));
    closeSync(fd);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e; // a data folder we cannot write to: the caller's error message would only be worse
  }
};

/**
 * One process per data folder. The journal is appended by the process that compacted it at open, so a second
 * writer (`npm run import` while `npm start` runs) would write to a file the other has already replaced, or
 * replace the other's file. The lock is a file holding the owner's pid, created exclusively; a lock whose process
 * is gone (a crash, `kill -9`) is taken over. Released on release() and at process exit.
 */
export const acquireDataLock = (dir: string, command: string): Result<DataLock, DataDirInUse> => {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(file, command)) {
      const release = () => {
        process.off('exit', release);
        if (holderOf(file)?.pid === process.pid) rmSync(file, { force: true });
      };
      process.on('exit', release);
      return ok({ file, release });
    }
    const holder = holderOf(file);
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
      return err({ kind: 'DataDirInUse', dir, file, ...holder });
    }
    rmSync(file, { force: true }); // stale: its process is gone; a racing taker loses the exclusive create
  }
  const holder = holderOf(file);
  return err({ kind: 'DataDirInUse', dir, file, pid: holder?.pid ?? 0, command: holder?.command ?? '?' });
};

/** What to tell a person who ran into the lock. */
export const dataDirInUseMessage = (e: DataDirInUse): string =>
  `The data folder ${e.dir} is in use by process ${e.pid} (${e.command}).\n` +
  'Only one process may write it at a time: stop that process first, or run with --memory for a throwaway run ' +
  '(or ORDERLY_DATA_DIR=<another folder>).\n' +
  `If no such process is running, delete ${e.file}.`;
