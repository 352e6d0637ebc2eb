// `npm run bundle`: one minified ESM file per Lambda entry, in dist/lambda/<name>/index.mjs (the folder the
// CDK stack hands to Code.fromAsset), with a linked source map, a metafile and a size table. Fails when a
// bundle is over the budget. Entries are discovered, not listed: any file under infrastructure/lambda/ that
// exports `handler` is a function.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import { type RawSourceMap, trimSourceMap } from './source-map-trim.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRIES_DIR = join(ROOT, 'infrastructure', 'lambda');
export const OUT_DIR = join(ROOT, 'dist', 'lambda');
export const MANIFEST = join(OUT_DIR, 'manifest.json');
/** Lambda's limits are far higher; this budget keeps cold starts short (see bench/lambda-cold-start.bench.ts). */
export const MAX_BUNDLE_BYTES = 700 * 1000;

export type Entry = Readonly<{ name: string; file: string }>;
export type BundleReport = Readonly<{ name: string; file: string; bytes: number; gzipBytes: number }>;
export type Manifest = Readonly<{ builtAt: string; bundles: readonly BundleReport[]; inputs: readonly string[] }>;

const EXPORTS_HANDLER = /^export (const|async function|function) handler\b/m;

/**
 * A bundle is named after its function: the entry file's base name, and `http-<base>` for the API routes in
 * http/ (the saga has a `cancel-order` task too). Two entries with one name fail the build.
 */
export const bundleNameOf = (dir: string, file: string): string => {
  const base = basename(file, '.ts');
  return relative(dir, file).split(sep)[0] === 'http' ? `http-${base}` : base;
};

/** Every file under infrastructure/lambda/ that exports `handler`; helpers (runtime, ports module) do not. */
export const discoverEntries = (dir = ENTRIES_DIR): Entry[] => {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f))
    .filter((f) => EXPORTS_HANDLER.test(readFileSync(f, 'utf8')))
    .sort();
  const entries = files.map((file) => ({ name: bundleNameOf(dir, file), file }));
  const seen = new Map<string, string>();
  for (const { name, file } of entries) {
    const other = seen.get(name);
    if (other) throw new Error(`two entries would both bundle to dist/lambda/${name}: ${other} and ${file}`);
    seen.set(name, file);
  }
  return entries;
};

/** Imported ahead of everything else by every Lambda entry (see zodNamespacePlugin and the module's comment). */
export const ZOD_JITLESS = join(ENTRIES_DIR, 'zod-jitless.ts');

/**
 * `import { z } from 'zod'` keeps zod's whole namespace, every locale included (about 450 kB minified): esbuild
 * cannot shake a namespace re-exported under a name. The namespace import of the same module is shaken down
 * to what is used (about 85 kB). Same module, same bindings: only the bundle changes, not the source.
 * A Lambda entry also gets `import '<ZOD_JITLESS>'` as its first statement, so zod is configured before any
 * module builds a schema, in every function, without each entry having to remember it (tests and the local
 * runtime keep zod's default).
 */
export const zodNamespacePlugin: Plugin = {
  name: 'zod-namespace-import',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      const contents = source.replace(/^import \{ z \} from 'zod';$/gm, "import * as z from 'zod';");
      const entry = args.path.startsWith(ENTRIES_DIR + sep) && EXPORTS_HANDLER.test(source);
      return { contents: entry ? `import ${JSON.stringify(ZOD_JITLESS)};\n${contents}` : contents, loader: 'ts' };
    });
  },
};

/** A stand-in module whose every member throws, naming what was left out and why (so a misuse fails loudly). */
const unreachable = (why: string, members: readonly string[]) =>
  `const gone = () => { throw new Error(${JSON.stringify(`not bundled: ${why}`)}); };
module.exports = Object.assign(gone, { ${members.map((m) => `${m}: gone`).join(', ')} });`;

/**
 * aws-xray-sdk-core (under Powertools Tracer) requires, eagerly and at module scope, parts that nothing in a
 * Lambda bundle can reach. Each is replaced by a stand-in that throws if it ever is. Reached, all the same:
 * segments, subsegments, the UDP emitter, the cls context, the SDK v3 and HTTP(S) patchers, the local sampler
 * (test/bundles/tracing.test.ts checks the segments a bundle sends to the daemon).
 * - patchers/aws_p: the AWS SDK v2 patcher, with all of `semver` (~30 kB, dozens of regular expressions built at
 *   load). SDK v2 is neither bundled nor in the Node 22 runtime; only Tracer's deprecated captureAWS /
 *   captureAWSClient call it, and no code does (SDK v3 clients go through captureAWSv3Client).
 * - middleware/sampling/default_sampler: centralized sampling (rule and target pollers, a service connector over
 *   HTTP, rule cache, reservoirs). It is only mw_utils' initial sampler: the SDK swaps in the local sampler as it
 *   loads in Lambda, and even that is only asked by the Express/Restify middleware (mw_utils.resolveSampling),
 *   which a Lambda never runs; Lambda's sampling decision arrives in the trace header.
 * - middleware/incoming_request_data: the same middleware's record of an incoming HTTP request.
 * - segments/plugins/ec2, ecs, elastic_beanstalk: host metadata, used only through AWSXRay.config([plugins]),
 *   which neither Tracer nor our code calls (Lambda's segment is the runtime's).
 * - database/sql_data: the record type of the mysql / postgres patchers, separate packages not installed.
 */
const XRAY_UNREACHABLE: ReadonlyMap<string, string> = new Map([
  [
    'patchers/aws_p',
    unreachable('AWS SDK v2 (trace SDK v3 clients with captureAWSv3Client)', ['captureAWS', 'captureAWSClient']),
  ],
  [
    'middleware/sampling/default_sampler',
    unreachable('X-Ray centralized sampling', ['shouldSample', 'setLocalRules', 'start']),
  ],
  ['middleware/incoming_request_data', unreachable('X-Ray HTTP server middleware', [])],
  ['segments/plugins/ec2_plugin', unreachable('X-Ray host plugins', ['getData'])],
  ['segments/plugins/ecs_plugin', unreachable('X-Ray host plugins', ['getData'])],
  ['segments/plugins/elastic_beanstalk_plugin', unreachable('X-Ray host plugins', ['getData'])],
  ['database/sql_data', unreachable('X-Ray SQL patchers', [])],
]);

export const xrayUnreachableStubs: Plugin = {
  name: 'xray-unreachable-stubs',
  setup(b) {
    b.onLoad({ filter: /aws-xray-sdk-core[\\/]dist[\\/]lib[\\/].+\.js$/ }, (args) => {
      const lib = args.path
        .split(/aws-xray-sdk-core[\\/]dist[\\/]lib[\\/]/)[1]
        ?.replace(/\\/g, '/')
        .slice(0, -3);
      const contents = lib === undefined ? undefined : XRAY_UNREACHABLE.get(lib);
      return contents === undefined ? undefined : { loader: 'js', contents };
    });
  },
};

/** What every Lambda bundle is built with; the cold-start bench builds its baseline with the same options. */
export const lambdaBuildOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  // A separate .map file plus the sourceMappingURL comment, so NODE_OPTIONS=--enable-source-maps finds it.
  // Mappings only: with --enable-source-maps Node reads and parses the whole map at load, and the sources'
  // text would triple it for nothing a stack trace needs (file, line and column come from the mappings).
  // bundleAll then keeps only our own code's mappings (trimLinkedSourceMap): dependencies' were ~90 % of it.
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'linked',
  // Prefer packages' ESM builds (the AWS SDK ships both): they tree-shake better.
  mainFields: ['module', 'main'],
  // The bundled AWS SDK requires node builtins dynamically; without a real `require` in an ESM bundle the
  // first invocation fails with `Dynamic require of "node:https" is not supported`.
  banner: { js: "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);" },
  // The pinned SDK is bundled (reproducible, and loading the unbundled runtime copy measured ~2x slower), with
  // its default credential chain cut down to the one link Lambda uses: see infrastructure/lambda/sdk-credentials.ts.
  alias: { '@aws-sdk/credential-provider-node': join(ENTRIES_DIR, 'sdk-credentials.ts') },
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
  plugins: [zodNamespacePlugin, xrayUnreachableStubs],
};

/** Rewrites a bundle's linked map in place with the project's own mappings only (see source-map-trim.ts). */
export const trimLinkedSourceMap = (bundle: string): void => {
  const path = `${bundle}.map`;
  writeFileSync(path, JSON.stringify(trimSourceMap(JSON.parse(readFileSync(path, 'utf8')) as RawSourceMap)));
};

const inputsOf = (metafile: Metafile): string[] =>
  Object.keys(metafile.inputs)
    .filter((p) => !p.includes('node_modules'))
    .sort();

/** The metafile names its outputs where they were written (the staging folder); readers look them up where they end up. */
const renameOutputs = (metafile: Metafile, from: string, to: string): Metafile => {
  const [before, after] = [`${relative(ROOT, from)}/`, `${relative(ROOT, to)}/`];
  const outputs = Object.entries(metafile.outputs).map(([k, v]) => [
    k.startsWith(before) ? after + k.slice(before.length) : k,
    v,
  ]);
  return { ...metafile, outputs: Object.fromEntries(outputs) };
};

/**
 * Builds every entry into a fresh folder next to `outDir`, then swaps it in: a reader (a test, the bench, a synth)
 * sees the previous complete set or the new one, never a half-written folder.
 */
export const bundleAll = async ({ entries = discoverEntries(), outDir = OUT_DIR } = {}): Promise<Manifest> => {
  const staging = `${outDir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const result = await build({
    ...lambdaBuildOptions,
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(entries.map((e) => [`${e.name}/index`, e.file])),
    outdir: staging,
    metafile: true,
  });
  writeFileSync(join(staging, 'meta.json'), JSON.stringify(renameOutputs(result.metafile, staging, outDir)));
  for (const { name } of entries) trimLinkedSourceMap(join(staging, name, 'index.mjs'));
  const bundles = entries.map(({ name }) => {
    const code = readFileSync(join(staging, name, 'index.mjs'));
    const file = relative(ROOT, join(outDir, name, 'index.mjs'));
    return { name, file, bytes: code.length, gzipBytes: gzipSync(code).length };
  });
  const manifest: Manifest = { builtAt: new Date().toISOString(), bundles, inputs: inputsOf(result.metafile) };
  writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const previous = `${outDir}.previous-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, previous);
  renameSync(staging, outDir);
  rmSync(previous, { recursive: true, force: true });
  return manifest;
};

/** A manifest whose bundles match today's entries and are newer than every source file they were built from. */
export const freshManifest = (entries = discoverEntries()): Manifest | undefined => {
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
    const built = statSync(MANIFEST).mtimeMs;
    const names = manifest.bundles.map((b) => b.name).join();
    if (names !== entries.map((e) => e.name).join()) return undefined;
    const sources = [...manifest.inputs, 'package-lock.json', 'scripts/bundle.ts', 'scripts/source-map-trim.ts'];
    const fresh = sources.every((p) => statSync(join(ROOT, p)).mtimeMs < built);
    return fresh && manifest.bundles.every((b) => statSync(join(ROOT, b.file)).isFile()) ? manifest : undefined;
  } catch {
    return undefined;
  }
};

const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;

export const sizeTable = (bundles: readonly BundleReport[]): string => {
  const width = Math.max(8, ...bundles.map((b) => b.name.length));
  const rows = bundles.map(
    (b) =>
      `${b.name.padEnd(width)}  ${kb(b.bytes).padStart(9)}  ${kb(b.gzipBytes).padStart(9)}  ${b.bytes > MAX_BUNDLE_BYTES ? 'OVER BUDGET' : 'ok'}`,
  );
  return [
    `${'function'.padEnd(width)}  ${'size'.padStart(9)}  ${'gzip'.padStart(9)}  budget ${kb(MAX_BUNDLE_BYTES)}`,
    ...rows,
  ].join('\n');
};

const main = async () => {
  const started = performance.now();
  const manifest = await bundleAll();
  console.log(sizeTable(manifest.bundles));
  console.log(
    `${manifest.bundles.length} bundles in ${Math.round(performance.now() - started)} ms → ${relative(ROOT, OUT_DIR)}/`,
  );
  const over = manifest.bundles.filter((b) => b.bytes > MAX_BUNDLE_BYTES);
  if (over.length > 0) {
    console.error(`over the ${kb(MAX_BUNDLE_BYTES)} budget: ${over.map((b) => b.name).join(', ')}`);
    process.exit(1);
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
