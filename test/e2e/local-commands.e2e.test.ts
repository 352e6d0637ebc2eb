import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');

/** `npm start` and `npm run token` as a developer runs them: separate processes sharing the `.data/` key. */
describe('npm start + npm run token', () => {
  let dataDir: string;
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'orderly-data-'));
  });
  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves requests authorized by a CLI token, and stops cleanly on SIGTERM', async () => {
    const env = { ...process.env, ORDERLY_DATA_DIR: dataDir, PORT: '0' };
    const token = (await run(TSX, ['infrastructure/local/token-cli.ts', '--customer', 'c-9'], { env })).stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await stat(join(dataDir, 'local-issuer-key.json'))).mode & 0o777).toBe(0o600);

    const child = spawn(TSX, ['infrastructure/local/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 20_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = output.match(/listening on (http:\/\/\S+)/)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    expect(output).toContain('POST /orders/{id}/approval');
    expect(output).toContain('npm run --silent token');

    const authorized = await fetch(`${url}/orders`, { headers: { authorization: `Bearer ${token}` } });
    expect(authorized.status).toBe(200);
    expect(await authorized.json()).toEqual({ orders: [] });
    expect((await fetch(`${url}/orders`)).status).toBe(401);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses to issue a token without --customer', async () => {
    const env = { ...process.env, ORDERLY_DATA_DIR: dataDir };
    await expect(run(TSX, ['infrastructure/local/token-cli.ts'], { env })).rejects.toMatchObject({ code: 2 });
  });
});
