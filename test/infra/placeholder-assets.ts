import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { functionSpecs } from '#infra/cdk/functions.ts';

/**
 * A temp asset root with a one-line `index.mjs` per function. The infra tests check the template, not the code,
 * so they must not depend on `npm run bundle` having run (nor spend its time); the bundle tests cover the code.
 */
export const placeholderAssets = (): { root: string; cleanup: () => void } => {
  const root = mkdtempSync(join(tmpdir(), 'orderly-assets-'));
  for (const { name: bundle } of functionSpecs()) {
    mkdirSync(join(root, bundle));
    const code = `export const handler = async () => { throw new Error('placeholder ${bundle}'); };\n`;
    writeFileSync(join(root, bundle, 'index.mjs'), code);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
};
