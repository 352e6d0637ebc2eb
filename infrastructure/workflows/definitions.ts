import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const workflowFiles = {
  'order-saga': join(here, 'order-saga.asl.json'),
  'import-chunk': join(here, 'import-chunk.asl.json'),
} as const;
export type WorkflowName = keyof typeof workflowFiles;

/** The raw ASL text with its `${Name}` placeholders, exactly as CDK's definitionSubstitutions takes it. */
export const readDefinition = (name: WorkflowName): string => readFileSync(workflowFiles[name], 'utf8');

/** Every `${Name}` placeholder the definition uses. */
export const placeholdersOf = (text: string): string[] =>
  [...new Set([...text.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((m) => m[1] ?? ''))].sort();

/** Fills every placeholder; an unbound one is a bug in the caller, so it throws. */
export const substitute = (text: string, values: Readonly<Record<string, string>>): unknown => {
  const missing = placeholdersOf(text).filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new Error(`unbound ASL placeholders: ${missing.join(', ')}`);
  return JSON.parse(text.replace(/\$\{([A-Za-z0-9]+)\}/g, (_, name: string) => values[name] ?? ''));
};

/** Placeholder `${ReserveStockArn}` ⇄ task function `reserve-stock`: one naming rule for CDK and the local runtime. */
export const functionNameOf = (placeholder: string): string =>
  placeholder
    .replace(/Arn$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
