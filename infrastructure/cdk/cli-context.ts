import { readFileSync } from 'node:fs';

/**
 * Context the way the CDK CLI would assemble it (there is no CLI in this project): cdk.json's `context`, then
 * every `-c key=value` / `--context key=value` / `--context=key=value` flag, flags winning.
 */
export const cdkJsonContext = (path = 'cdk.json'): Record<string, unknown> => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {}; // no cdk.json: defaults and flags only
  }
  const json = JSON.parse(text) as { context?: Record<string, unknown> }; // a broken cdk.json should stop the synth
  return json.context ?? {};
};

export const argvContext = (argv: readonly string[]): Record<string, string> => {
  const out: Record<string, string> = {};
  argv.forEach((arg, i) => {
    const pair = arg === '-c' || arg === '--context' ? argv[i + 1] : arg.match(/^--context=(.*)$/s)?.[1];
    const at = pair?.indexOf('=') ?? -1;
    if (pair && at > 0) out[pair.slice(0, at)] = pair.slice(at + 1);
  });
  return out;
};

export const cliContext = (argv: readonly string[], cdkJsonPath?: string): Record<string, unknown> => ({
  ...cdkJsonContext(cdkJsonPath),
  ...argvContext(argv),
});
