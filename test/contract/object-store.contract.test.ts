import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createFsObjectStore } from '#adapters/fs/object-store.fs.ts';
import { createMemoryObjectStore } from '#adapters/memory/object-store.memory.ts';
import { objectStoreContract } from './object-store.contract.ts';

// S3 needs a server to run this contract against; its request contract is in test/adapters/aws instead.
const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

objectStoreContract('memory', async () => createMemoryObjectStore());
objectStoreContract('fs', async () => {
  const root = await mkdtemp(join(tmpdir(), 'orderly-objects-'));
  roots.push(root);
  return createFsObjectStore({ root });
});
