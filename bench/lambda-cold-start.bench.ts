// `npm run bench -- lambda-cold-start`: per Lambda bundle (every one `npm run bundle` builds), its size, its cold
// init (import + container build + first invocation, in a fresh `node`) and its peak RSS, side by side with a bare
// bundle that only constructs the same AWS SDK clients, built here with the same esbuild options. The first event is
// real-shaped, from the bundle tests' builders (bench/cold-start/first-events.ts); the network is stubbed: memory
// ports (ORDERLY_PORTS=memory), or, for the two functions whose adapters are AWS-only (outbox relay, CSV splitter), a
// stub on this machine that answers their SDK requests at once.
// Both run in the deployed configuration: the variables Lambda and the CDK stack set, active tracing included.
// Runs are interleaved (function, bare, function, ...) so that machine noise hits both alike; medians of 11.
// Init is reported as wall time and as the CPU time the process spent in it: on a loaded machine the CPU time
// moves far less, so its ratio is the steadier of the two. Then a ladder: where an HTTP function's init goes.
// Goals: init ≤ 1.15× bare, every bundle < 700 kB, comfortable in 256 MB. It reports; it never asserts.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { bundleAll, discoverEntries, freshManifest, MAX_BUNDLE_BYTES, OUT_DIR } from '../scripts/bundle.ts';
import { firstEvents } from './cold-start/first-events.ts';
import {
  BENCH_DIR,
  bundleSource,
  clientsIn,
  constructing,
  deployedEnv,
  median,
  type Sample,
  sample,
} from './cold-start/fresh-process.ts';
import { ladderRungs } from './cold-start/ladder.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 11);
/** The HTTP function whose client set the ladder is built on, and whose event its rungs answer. */
const LADDER_OF = 'http-get-order';

const main = async () => {
  mkdirSync(BENCH_DIR, { recursive: true });
  const entries = discoverEntries();
  if (!freshManifest(entries)) await bundleAll({ entries });
  const metafile = JSON.parse(readFileSync(join(OUT_DIR, 'meta.json'), 'utf8')) as Metafile;

  const first = await firstEvents(entries);

  // Per function: its entry plus the construction of the SDK clients its bundle holds, so both sides build the
  // same clients; nothing leaves the machine.
  type Variant = {
    name: string;
    clients: string[];
    bundle: string;
    bare: string;
    bytes: number;
    event: unknown;
    env: Record<string, string>;
  };
  const variants: Variant[] = [];
  const bares = new Map<string, string>();
  const keyOf = (clients: readonly string[]) => clients.join('+') || 'none';
  for (const { name, file } of entries) {
    const output = `dist/lambda/${name}/index.mjs`;
    const clients = clientsIn(metafile, output);
    const key = keyOf(clients);
    if (!bares.has(key)) {
      const bareSource = `${constructing(clients)}\nexport const handler = async () => ({ statusCode: 200, body: '{}' });`;
      bares.set(key, await bundleSource(`bare-${key}`, bareSource));
    }
    const bundle = await bundleSource(
      name,
      `${constructing(clients)}\nexport { handler } from ${JSON.stringify(file)};`,
    );
    const bytes = statSync(join(OUT_DIR, name, 'index.mjs')).size;
    const { event, env } = first.events.get(name) ?? { event: undefined, env: {} };
    variants.push({ name, clients, bundle, bare: bares.get(key) ?? '', bytes, event, env });
  }
  const ladder = variants.find((v) => v.name === LADDER_OF);
  const ladderClients = ladder?.clients ?? [];
  const rungs: { label: string; bundle: string }[] = [];
  for (const [i, [label, source]] of Object.entries(ladderRungs).entries()) {
    rungs.push({ label, bundle: await bundleSource(`rung-${i}`, `${constructing(ladderClients)}\n${source}`) });
  }

  const fn = new Map<string, Sample[]>(variants.map((v) => [v.name, []]));
  const bare = new Map<string, Sample[]>([...bares.keys()].map((k) => [k, []]));
  const rung = new Map<string, Sample[]>(rungs.map((r) => [r.label, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const v of variants) {
      const vEnv = { ...deployedEnv(v.name), ...v.env };
      fn.get(v.name)?.push(await sample(v.bundle, [v.event], vEnv));
      bare.get(keyOf(v.clients))?.push(await sample(v.bare, [{}], vEnv));
    }
    for (const r of rungs) {
      rung.get(r.label)?.push(await sample(r.bundle, [ladder?.event], { ...deployedEnv('rung'), ...ladder?.env }));
    }
  }

  const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
  const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`.padStart(9);
  const times = (xs: readonly Sample[]) => ({
    wall: median(xs.map((s) => s.initMs)),
    cpu: median(xs.map((s) => s.initCpuMs)),
    rss: Math.max(...xs.map((s) => s.maxRssKb)) / 1024,
  });
  const nameWidth = Math.max(8, ...variants.map((v) => v.name.length));
  console.log(`Lambda cold start: median of ${RUNS} fresh node processes each, interleaved (node ${process.version})`);
  console.log(
    `${'function'.padEnd(nameWidth)} ${'sdk clients'.padEnd(16)} ${'bundle'.padStart(9)} ${'init'.padStart(9)} ${'bare'.padStart(9)} ${'ratio'.padStart(6)} ${'init cpu'.padStart(9)} ${'bare cpu'.padStart(9)} ${'ratio'.padStart(6)} ${'peak RSS'.padStart(9)}  first answer`,
  );
  for (const v of variants) {
    const f = times(fn.get(v.name) ?? []);
    const b = times(bare.get(keyOf(v.clients)) ?? []);
    const ratio = (x: number, y: number) => `${(x / y).toFixed(2)}×`.padStart(6);
    console.log(
      `${v.name.padEnd(nameWidth)} ${keyOf(v.clients).padEnd(16)} ${kB(v.bytes)} ${ms(f.wall)} ${ms(b.wall)} ${ratio(f.wall, b.wall)} ${ms(f.cpu)} ${ms(b.cpu)} ${ratio(f.cpu, b.cpu)} ${`${f.rss.toFixed(0)} MB`.padStart(9)}  ${String(fn.get(v.name)?.[0]?.status)}`,
    );
  }
  for (const [key, samples] of bare) {
    const b = times(samples);
    console.log(
      `bare[${key}] bundle ${(statSync(bares.get(key) ?? '').size / 1000).toFixed(1)} kB, init ${b.wall.toFixed(1)} ms (cpu ${b.cpu.toFixed(1)} ms), peak RSS ${b.rss.toFixed(0)} MB`,
    );
  }
  await first.close();

  console.log(
    `\nWhere an HTTP function's init goes: each rung adds one piece to the one above (${keyOf(ladderClients)} clients)`,
  );
  console.log(
    `  ${'rung'.padEnd(44)} ${'bundle'.padStart(9)} ${'init'.padStart(9)} ${'+'.padStart(9)} ${'init cpu'.padStart(9)} ${'+'.padStart(9)}`,
  );
  let previous: { wall: number; cpu: number } | undefined;
  const step = (label: string, bytes: number, t: { wall: number; cpu: number }) => {
    const plus = (x: number, y: number | undefined) => (y === undefined ? '' : `+${(x - y).toFixed(1)} ms`).padStart(9);
    console.log(
      `  ${label.padEnd(44)} ${kB(bytes)} ${ms(t.wall)} ${plus(t.wall, previous?.wall)} ${ms(t.cpu)} ${plus(t.cpu, previous?.cpu)}`,
    );
    previous = t;
  };
  for (const r of rungs) step(r.label, statSync(r.bundle).size, times(rung.get(r.label) ?? []));
  const whole = variants.find((v) => v.name === LADDER_OF);
  if (whole) step(`= ${LADDER_OF}: + domain, use cases, ports`, whole.bytes, times(fn.get(whole.name) ?? []));
  console.log(
    `init = import + container build + first invocation, inside the process (wall, and the CPU the process used). Goals: ratio ≤ 1.15×, bundle < ${MAX_BUNDLE_BYTES / 1000} kB, peak RSS well under 256 MB.`,
  );
};

await main();
