import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import * as events from 'aws-cdk-lib/aws-events';
import { describe, expect } from 'vitest';
import { buildApp } from '#infra/cdk/build-app.ts';
import { argvContext, cdkJsonContext, cliContext } from '#infra/cdk/cli-context.ts';
import { contextKeys, resolveConfig } from '#infra/cdk/config.ts';
import { functionSpecs } from '#infra/cdk/functions.ts';
import { eventRules, rulesFor } from '#infra/topology/event-rules.ts';
import { discoverEntries } from '../../scripts/bundle.ts';

const key = fc.stringMatching(/^[a-zA-Z:@/_-][\w:@/.-]{0,30}$/);
const form = fc.constantFrom('-c', '--context', '--context=');
const argvOf = (pairs: readonly (readonly [string, string, string])[]) =>
  pairs.flatMap(([f, k, v]) => (f === '--context=' ? [`--context=${k}=${v}`] : [f, `${k}=${v}`]));

describe('context from the command line and cdk.json', () => {
  test.prop([fc.array(fc.tuple(form, key, fc.string()), { maxLength: 6 })])(
    'every -c/--context pair comes back, the last one winning, whatever the flag form',
    (pairs) => {
      const expected = Object.fromEntries(pairs.map(([, k, v]) => [k, v]));
      expect(argvContext(['--verbose', ...argvOf(pairs), 'positional'])).toStrictEqual(expected);
    },
  );

  test('flags win over cdk.json; the repository cdk.json is a valid configuration', () => {
    expect(resolveConfig((k) => cdkJsonContext()[k]).isOk()).toBe(true);
    const merged = cliContext(['-c', `${contextKeys.flow}=both`]);
    expect(merged[contextKeys.flow]).toBe('both');
    expect(cdkJsonContext(join(tmpdir(), 'no-such-dir', 'cdk.json'))).toStrictEqual({});
  });

  test('a broken cdk.json stops the synth instead of being ignored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orderly-cdkjson-'));
    try {
      writeFileSync(join(dir, 'cdk.json'), '{ "context": ');
      expect(() => cdkJsonContext(join(dir, 'cdk.json'))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bundles', () => {
  test('every Lambda entry the bundle script finds is a function of the stack, under the same name', () => {
    const names = new Set(functionSpecs().map((f) => f.name));
    const entries = discoverEntries();
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((e) => !names.has(e.name)).map((e) => e.file)).toStrictEqual([]);
  });

  // Also the App's outdir: without one CDK makes a cdk.outXXXX temp dir per App and never removes it.
  const emptyRoot = () => mkdtempSync(join(tmpdir(), 'orderly-no-bundles-'));

  test('requireBundles: a missing bundle fails the build and says how to make it', () => {
    const root = emptyRoot();
    try {
      expect(() =>
        buildApp({ outdir: root, context: { [contextKeys.assetRoot]: root, [contextKeys.requireBundles]: true } }),
      ).toThrow(/index\.mjs is missing \(run npm run bundle\)/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('otherwise every missing bundle becomes a listed stub (so synth works before all entries exist)', () => {
    const root = emptyRoot();
    try {
      const { stack } = buildApp({ outdir: root, context: { [contextKeys.assetRoot]: root } })._unsafeUnwrap();
      expect(stack.functions.stubbed.map((s) => s.name).sort()).toStrictEqual(
        functionSpecs()
          .map((f) => f.name)
          .sort(),
      );
      // The same stack, default flow: exactly the orchestration rules, no choreography-only one.
      const rules = stack.node.findAll().filter((c): c is events.CfnRule => c instanceof events.CfnRule);
      expect(rules.map((r) => r.name).sort()).toStrictEqual(
        rulesFor('orchestration')
          .map((r) => r.name)
          .sort(),
      );
      expect(eventRules.some((r) => !r.flows.includes('orchestration'))).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
