import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataLock, dataDirInUseMessage, LOCK_FILE } from '#infra/local/persistence/data-lock.ts';

const root = mkdtempSync(join(tmpdir(), 'orderly-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `d-${++n}`);

/** Another process that is alive until `stop()`. */
const liveProcess = async () => {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
};

describe('the data-folder lock (one writer per journal: npm start or npm run import)', () => {
  it('is held by this process until released, and released only by its holder', () => {
    const dir = freshDir();
    const lock = acquireDataLock(dir, 'npm run import')._unsafeUnwrap();
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid, command: 'npm run import' });
    lock.release();
    expect(existsSync(lock.file)).toBe(false);

    const again = acquireDataLock(dir, 'npm start')._unsafeUnwrap();
    writeFileSync(again.file, JSON.stringify({ pid: 1, command: 'someone else' })); // taken over meanwhile
    again.release();
    expect(existsSync(again.file)).toBe(true);
  });

  it('refuses while another live process holds it, and takes it over once that process is gone', async () => {
    const dir = freshDir();
    const other = await liveProcess();
    try {
      expect(acquireDataLock(dir, 'npm start').isOk()).toBe(true); // created the folder, held by us
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: other.pid, command: 'npm start' }));
      const refused = acquireDataLock(dir, 'npm run import')._unsafeUnwrapErr();
      expect(refused).toStrictEqual({
        kind: 'DataDirInUse',
        dir,
        file: join(dir, LOCK_FILE),
        pid: other.pid,
        command: 'npm start',
      });
      expect(dataDirInUseMessage(refused)).toContain(`in use by process ${other.pid} (npm start)`);
    } finally {
      await other.stop();
    }
    const taken = acquireDataLock(dir, 'npm run import')._unsafeUnwrap();
    expect(JSON.parse(readFileSync(taken.file, 'utf8')).pid).toBe(process.pid);
    taken.release();
  });

  it('a lock file that is not a lock (empty, torn, garbage) holds nothing', () => {
    for (const junk of ['', '{"pid":', 'hello', '{"command":"npm start"}']) {
      const dir = freshDir();
      acquireDataLock(dir, 'x')._unsafeUnwrap().release();
      writeFileSync(join(dir, LOCK_FILE), junk);
      const lock = acquireDataLock(dir, 'npm run import');
      expect(lock.isOk(), junk).toBe(true);
      lock._unsafeUnwrap().release();
    }
  });
});
