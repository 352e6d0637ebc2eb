// EventBridge pattern matching on the shared workload (shared/bench/eventbridge): our compiled RuleSet at 1, 30
// and 300 rules versus event-ruler's published figures for this machine kind, and versus the matcher of the npm
// package serverless-offline-aws-eventbridge, measured in the same run. Input is JSON text per event, parsing
// included. Reports the median of several timed passes after warm-up; never asserts on time.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRules } from '#adapters/eventbridge/patterns/event-patterns.ts';

const workload =
  process.env.EVENTBRIDGE_WORKLOAD ?? join(dirname(fileURLToPath(import.meta.url)), '../../shared/bench/eventbridge');
if (!existsSync(join(workload, 'events-10000.ndjson'))) {
  console.log(`workload not found at ${workload}; set EVENTBRIDGE_WORKLOAD`);
  process.exit(0);
}

type Rule = { name: string; pattern: Record<string, unknown> };
const events = readFileSync(join(workload, 'events-10000.ndjson'), 'utf8').split('\n').filter(Boolean);
const ruleFile = (n: number): Rule[] => JSON.parse(readFileSync(join(workload, `rules-${n}.json`), 'utf8'));
// event-ruler on this machine kind, and what it matched (workload README).
const reference = {
  1: { eventsPerSecond: 200_572, matchedShare: 19.4, rulesPerEvent: 0.19 },
  30: { eventsPerSecond: 56_698, matchedShare: 73.1, rulesPerEvent: 1.62 },
  300: { eventsPerSecond: 20_476, matchedShare: 99.9, rulesPerEvent: 15.49 },
} as const;
const SIZES = [1, 30, 300] as const;
const PASSES = Number(process.env.BENCH_PASSES ?? 7);

// The peer, unmodified: its plugin class, constructed cheaply (the constructor only stores its arguments).
type Entry = { Source: string; DetailType: string; Detail: string };
type Subscriber = { functionKey: string; event: { pattern: Record<string, unknown> } };
type PeerPlugin = { verifyIsSubscribed(subscriber: Subscriber, entry: Entry): boolean };
const require = createRequire(import.meta.url);
const Peer = require('serverless-offline-aws-eventbridge') as new (s: unknown, o: unknown, l: unknown) => PeerPlugin;
const peer = new Peer({}, {}, { log: { notice() {} } });
let peerErrors = 0;

const oursFor = (n: number) => {
  const set = compileRules(Object.fromEntries(ruleFile(n).map((r) => [r.name, r.pattern])))._unsafeUnwrap();
  return (line: string) => set.matchingRules(line).length;
};
const peerFor = (n: number) => {
  const subscribers = ruleFile(n).map((r) => ({ functionKey: r.name, event: { pattern: r.pattern } }));
  return (line: string) => {
    const event = JSON.parse(line) as { source: string; 'detail-type': string };
    // A PutEvents entry carries Detail as JSON text; the event line ends with its "detail" object.
    const entry = {
      Source: event.source,
      DetailType: event['detail-type'],
      Detail: line.slice(line.indexOf('"detail":') + 9, -1),
    };
    let matched = 0;
    for (const s of subscribers) {
      try {
        if (peer.verifyIsSubscribed(s, entry)) matched++;
      } catch {
        peerErrors++; // it throws on operators it does not support (wildcard, cidr)
      }
    }
    return matched;
  };
};

// Wall time, and the CPU time of this process: on a shared 2-vCPU machine other processes stretch wall time,
// while CPU time stays close to what an idle machine would show (it also counts V8's GC helper threads, so it
// errs on the slow side). Rates below use CPU time; wall-clock rates are shown alongside.
const timePass = (match: (line: string) => number, lines: readonly string[]) => {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let matchedAny = 0;
  let matchedTotal = 0;
  for (const line of lines) {
    const m = match(line);
    matchedTotal += m;
    if (m > 0) matchedAny++;
  }
  const used = process.cpuUsage(cpu);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, matchedAny, matchedTotal };
};

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

type Row = {
  n: number;
  engine: string;
  lines: number;
  seconds: number[];
  cpuSeconds: number[];
  matchedAny: number;
  matchedTotal: number;
};
const rows: Row[] = [];
const configs = SIZES.flatMap((n) => [
  { n, engine: 'orderly', match: oursFor(n), lines: events },
  // The peer is orders of magnitude slower: time it on a prefix of the same events.
  {
    n,
    engine: 'serverless-offline-aws-eventbridge',
    match: peerFor(n),
    lines: events.slice(0, n === 1 ? 2000 : n === 30 ? 300 : 40),
  },
]);

console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (2 vCPUs)`,
);
// Our configurations first, then the peer's: its garbage would otherwise be collected (by V8's helper threads,
// counted in this process's CPU time) during our passes. Within a phase, passes interleave the configurations so
// that load changes hit all of them alike.
for (const engine of ['orderly', 'serverless-offline-aws-eventbridge']) {
  const phase = configs.filter((c) => c.engine === engine);
  for (const c of phase) timePass(c.match, c.lines); // warm-up
  for (const c of phase) {
    const { matchedAny, matchedTotal } = timePass(c.match, c.lines);
    rows.push({ n: c.n, engine, lines: c.lines.length, seconds: [], cpuSeconds: [], matchedAny, matchedTotal });
  }
  if (engine !== 'orderly') peerErrors = 0;
  for (let pass = 0; pass < PASSES; pass++)
    for (const c of phase) {
      const { seconds, cpuSeconds } = timePass(c.match, c.lines);
      const row = rows.find((r) => r.n === c.n && r.engine === engine);
      row?.seconds.push(seconds);
      row?.cpuSeconds.push(cpuSeconds);
    }
}

const rate = (r: Row) => r.lines / median(r.cpuSeconds);
const wallRate = (r: Row) => r.lines / median(r.seconds);
const find = (n: number, engine: string) => rows.find((r) => r.n === n && r.engine === engine) as Row;
console.log(
  `\nEventBridge matching, ${events.length} events (JSON text, parsing included), median of ${PASSES} passes (CPU time)\n`,
);
console.log(
  'rules | engine                             | events/s  | µs/event | vs event-ruler | vs JS peer | ≥1 rule | rules/event | wall events/s',
);
for (const r of rows) {
  const ref = reference[r.n as keyof typeof reference];
  const ours = r.engine === 'orderly';
  const cols = [
    String(r.n).padStart(5),
    r.engine.padEnd(34),
    Math.round(rate(r)).toLocaleString('en-US').padStart(9),
    (1e6 / rate(r)).toFixed(2).padStart(8),
    `${(rate(r) / ref.eventsPerSecond).toFixed(2)}×`.padStart(14),
    (ours ? `${(rate(r) / rate(find(r.n, 'serverless-offline-aws-eventbridge'))).toFixed(0)}×` : '').padStart(10),
    `${((r.matchedAny / r.lines) * 100).toFixed(1)}%`.padStart(7),
    (r.matchedTotal / r.lines).toFixed(2).padStart(11),
    Math.round(wallRate(r)).toLocaleString('en-US').padStart(13),
  ];
  console.log(cols.join(' | '));
}
const cost = (n: number) => 1 / rate(find(n, 'orderly'));
console.log(
  `\nper-event cost, 300 rules / 1 rule: ${(cost(300) / cost(1)).toFixed(2)}× (30 / 1: ${(cost(30) / cost(1)).toFixed(2)}×)`,
);
console.log(
  'event-ruler reference (workload README): events/s 200,572 / 56,698 / 20,476; ≥1 rule 19.4% / 73.1% / 99.9%; rules/event 0.19 / 1.62 / 15.49',
);
for (const n of SIZES) {
  const r = find(n, 'orderly');
  const ref = reference[n];
  const same =
    ((r.matchedAny / r.lines) * 100).toFixed(1) === ref.matchedShare.toFixed(1) &&
    (r.matchedTotal / r.lines).toFixed(2) === ref.rulesPerEvent.toFixed(2);
  console.log(`${n} rules: match counts ${same ? 'equal' : 'DIFFER FROM'} event-ruler's`);
}
console.log(
  `peer: ${peerErrors} rule checks threw (unsupported operators) during the timed passes; it also ignores account, region, resources and top-level $or, so its counts differ`,
);
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
