import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readOrCreateIssuerKey } from '#adapters/lambda/auth/local-issuer.ts';

/** The git-ignored local data folder at the repository root; `ORDERLY_DATA_DIR` moves it. */
export const localDataDir = (env: Readonly<Record<string, string | undefined>> = process.env) =>
  env.ORDERLY_DATA_DIR ?? fileURLToPath(new URL('../../../.data/', import.meta.url));

/**
 * The local issuer's signing key, shared by `npm start` and `npm run token`, created on first use. Two first
 * uses at once (server and CLI started together) race on the exclusive create: the loser reads the winner's key.
 */
export const localIssuerKey = async (dir = localDataDir()) => {
  const file = join(dir, 'local-issuer-key.json');
  try {
    return await readOrCreateIssuerKey(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readOrCreateIssuerKey(file);
  }
};
