import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/bundle.ts';
import { type RawSourceMap, trimSourceMap } from '../../scripts/source-map-trim.ts';

// A real esbuild bundle (own code plus two dependencies, minified, as the Lambda bundles are built): every
// position of its output is looked up in the original map and in the trimmed one.
let code = '';
let original: RawSourceMap;
beforeAll(async () => {
  const result = await build({
    stdin: {
      contents: `import { ok } from 'neverthrow';
import * as z from 'zod';
import { validationFailed } from '#domain/shared/validation.ts';
export const check = (x: unknown) => z.string().safeParse(x).success ? ok(x) : validationFailed([{ path: 'x', message: 'no' }]);`,
      resolveDir: ROOT,
      loader: 'ts',
      sourcefile: 'entry.ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: true,
    sourcemap: 'external',
    sourcesContent: false,
    outfile: join(ROOT, 'dist', 'source-map-trim-test.mjs'),
    write: false,
  });
  for (const file of result.outputFiles) {
    if (file.path.endsWith('.map')) original = JSON.parse(file.text) as RawSourceMap;
    else code = file.text;
  }
}, 60_000);

const load = (map: RawSourceMap) => new SourceMap({ file: 'index.mjs', sourceRoot: '', sourcesContent: [], ...map });

const positions = function* (step = 1) {
  const lines = code.split('\n');
  for (const [line, text] of lines.entries()) {
    for (let column = 0; column <= text.length; column += step) yield [line, column];
  }
};

describe('trimSourceMap', () => {
  it('keeps every own-code mapping and leaves every dependency position unmapped', () => {
    const before = load(original);
    const after = load(trimSourceMap(original));
    let own = 0;
    let dependency = 0;
    for (const [line = 0, column = 0] of positions()) {
      const was = before.findEntry(line, column) as { originalSource?: string };
      const is = after.findEntry(line, column) as { originalSource?: string };
      if (was.originalSource && !was.originalSource.includes('node_modules')) {
        own++;
        expect(is).toEqual(was);
      } else {
        if (was.originalSource) dependency++;
        expect(is.originalSource).toBeUndefined();
      }
    }
    expect(own).toBeGreaterThan(50);
    expect(dependency).toBeGreaterThan(own);
  });

  it('keeping every source rewrites nothing; any other choice of sources maps only into those', () => {
    expect(trimSourceMap(original, () => true)).toEqual(original);
    fc.assert(
      fc.property(fc.subarray(original.sources), (chosen) => {
        const trimmed = trimSourceMap(original, (s) => chosen.includes(s));
        expect(trimmed.sources.every((s) => chosen.includes(s))).toBe(true);
        const after = load(trimmed);
        for (const [line = 0, column = 0] of positions(5)) {
          const source = (after.findEntry(line, column) as { originalSource?: string }).originalSource;
          if (source !== undefined) expect(chosen.some((c) => source.endsWith(c.replace(/^(\.\.\/)+/, '')))).toBe(true);
        }
      }),
      { numRuns: 10 },
    );
  });
});
