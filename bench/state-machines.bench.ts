// State transitions per second and definition load-and-validate time of orderly/state-machines,
// side by side with aws-local-stepfunctions 3.0.0 on the same definitions in the same process.
// Prints a table; never asserts on time.
//
// Each batch is timed twice: by the process's CPU time (process.cpuUsage, user + system, GC threads
// included) and by the wall clock. On a shared virtual machine the hypervisor takes the CPU away at
// times ("steal"); the wall clock counts those gaps against whichever engine was running, the CPU
// time does not. Both ratios are printed, with the steal measured during the run.

import { performance } from 'node:perf_hooks';
import { runStateMachine, validateDefinition } from '#adapters/stepfunctions/asl/state-machines.ts';
import { stealMeter } from './host-steal.ts';

// aws-local-stepfunctions calls Promise.withResolvers, which Node 20 lacks: polyfill it before loading.
type WithResolvers = <T>() => { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void };
const P = Promise as unknown as { withResolvers?: WithResolvers };
P.withResolvers ??= <T>() => {
  let resolve: (v: T) => void = () => {};
  let reject: (e: unknown) => void = () => {};
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
const { StateMachine } = await import('aws-local-stepfunctions');

type Def = Record<string, unknown>;
type Case = {
  name: string;
  definition: Def;
  input: unknown;
  handlers?: Record<string, (input: unknown) => Promise<unknown>>;
};

const passChoiceChain = (n: number): Def => {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const next = i === n - 1 ? { End: true } : { Next: `S${i + 1}` };
    states[`S${i}`] =
      i % 2 === 0
        ? { Type: 'Pass', Result: i, ResultPath: `$.r${i % 5}`, ...next }
        : {
            Type: 'Choice',
            Choices: [{ Variable: '$.flag', BooleanEquals: true, Next: i === n - 1 ? 'Done' : `S${i + 1}` }],
            Default: 'Done',
          };
  }
  states.Done = { Type: 'Succeed' };
  return { StartAt: 'S0', States: states };
};

const counterLoop: Def = {
  StartAt: 'Inc',
  States: {
    Inc: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)', 'stop.$': '$.stop' }, Next: 'Check' },
    Check: {
      Type: 'Choice',
      Choices: [{ Variable: '$.n', NumericLessThanPath: '$.stop', Next: 'Inc' }],
      Default: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

const mapOfPasses: Def = {
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index' },
      ItemProcessor: {
        StartAt: 'A',
        States: { A: { Type: 'Pass', ResultPath: '$.a', Result: 1, Next: 'B' }, B: { Type: 'Pass', End: true } },
      },
      End: true,
    },
  },
};

const taskChain = (n: number): Def => {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    states[`T${i}`] = {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:step',
      ResultPath: '$.last',
      ...(i === n - 1 ? { End: true } : { Next: `T${i + 1}` }),
    };
  }
  return { StartAt: 'T0', States: states };
};

const trivial = async (input: unknown) => ({ ok: true, seen: typeof input });
const taskHandlers = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`T${i}`, trivial]));

const cases: Case[] = [
  { name: '50-state Pass/Choice chain', definition: passChoiceChain(50), input: { flag: true } },
  { name: 'Choice loop, 1,000 iterations', definition: counterLoop, input: { n: 0, stop: 1000 } },
  {
    name: 'Map over 100 items, 2 Pass each',
    definition: mapOfPasses,
    input: { items: Array.from({ length: 100 }, (_, i) => ({ id: i })) },
  },
  { name: '50 Tasks with local handlers', definition: taskChain(50), input: { start: 1 }, handlers: taskHandlers(50) },
];

const ours = async (c: Case) => {
  const r = await runStateMachine(c.definition, c.input, c.handlers ? { taskHandlers: c.handlers } : {});
  if (r.status !== 'SUCCEEDED') throw new Error(`${c.name}: ${r.status} ${r.error} ${r.cause}`);
  return r;
};

/** Their machine is built (and validated) once per case, so only execution is timed, as for ours. */
const theirs = (c: Case) => {
  const machine = new StateMachine(c.definition as never, { validationOptions: { checkArn: false } });
  const handlers = c.handlers ? { taskResourceLocalHandlers: c.handlers as never } : {};
  return () => machine.run(c.input as never, { overrides: handlers }).result;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const SAMPLES = 11;

/** Runs per batch so that one batch takes about `ms` milliseconds, measured after a warm-up. */
const batchSize = async (fn: () => Promise<unknown>, ms: number): Promise<number> => {
  const t0 = performance.now();
  let runs = 0;
  while (performance.now() - t0 < 200 || runs < 3) {
    await fn();
    runs++;
  }
  return Math.max(1, Math.round(ms / ((performance.now() - t0) / runs)));
};

type Timing = { wall: number; cpu: number };

/** Milliseconds per run, by the wall clock and by the process's CPU time. */
const perRun = async (fn: () => Promise<unknown>, batch: number): Promise<Timing> => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < batch; i++) await fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall: wall / batch, cpu: (cpu.user + cpu.system) / 1000 / batch };
};

/**
 * Times both engines in alternating batches (A B A B ...), so that both see the same machine load,
 * and reports the median CPU time per run of each plus the medians of the paired ratios.
 */
const compare = async (a: () => Promise<unknown>, b: () => Promise<unknown>) => {
  const [ba, bb] = [await batchSize(a, 150), await batchSize(b, 150)];
  const ta: number[] = [];
  const tb: number[] = [];
  const cpuRatios: number[] = [];
  const wallRatios: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const x = await perRun(a, ba);
    const y = await perRun(b, bb);
    ta.push(x.cpu);
    tb.push(y.cpu);
    cpuRatios.push(y.cpu / x.cpu);
    wallRatios.push(y.wall / x.wall);
  }
  return { a: median(ta), b: median(tb), cpuRatio: median(cpuRatios), wallRatio: median(wallRatios) };
};

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(
  `State transitions per second of CPU time (a transition = one state entered; ${SAMPLES} alternating batches per engine, medians)\n`,
);
const rows: string[][] = [
  ['case', 'transitions/run', 'orderly t/s', 'aws-local-stepfunctions t/s', 'ratio (CPU)', 'ratio (wall clock)'],
];
const steal = stealMeter();
const started = performance.now();
for (const c of cases) {
  const transitions = (await ours(c)).history.filter((e) => e.type.endsWith('StateEntered')).length;
  const { a: mine, b: peer, cpuRatio, wallRatio } = await compare(() => ours(c), theirs(c));
  rows.push([
    c.name,
    fmt(transitions),
    fmt((transitions / mine) * 1000),
    fmt((transitions / peer) * 1000),
    `${fmt(cpuRatio, 1)}×`,
    `${fmt(wallRatio, 1)}×`,
  ]);
}
const stolen = steal();
const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length))) ?? [];
for (const r of rows)
  console.log(
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join('  '),
  );
if (stolen !== undefined)
  console.log(
    `\nCPU time the host gave to other machines during these ${fmt((performance.now() - started) / 1000, 1)} s: ${fmt(stolen, 2)} s (steal, all CPUs)`,
  );

const OUR_LOADS = 300;
const THEIR_LOADS = 15; // their constructor takes hundreds of milliseconds, so fewer samples
console.log(
  `\nLoad and validate a 50-state definition (median of ${OUR_LOADS} / ${THEIR_LOADS} runs, fresh copy each time)\n`,
);
const fifty = passChoiceChain(50);
const loadOurs: number[] = [];
const loadTheirs: number[] = [];
for (let i = 0; i < OUR_LOADS; i++) {
  const copy = JSON.parse(JSON.stringify(fifty)) as unknown;
  const t0 = performance.now();
  if (validateDefinition(copy).isErr()) throw new Error('50-state definition rejected');
  loadOurs.push(performance.now() - t0);
}
for (let i = 0; i < THEIR_LOADS; i++) {
  const copy = JSON.parse(JSON.stringify(fifty)) as unknown;
  const t0 = performance.now();
  new StateMachine(copy as never);
  loadTheirs.push(performance.now() - t0);
}
console.log(`orderly validateDefinition:               ${fmt(median(loadOurs), 3)} ms`);
console.log(`aws-local-stepfunctions new StateMachine: ${fmt(median(loadTheirs), 3)} ms`);
console.log(`ratio: ${fmt(median(loadTheirs) / median(loadOurs), 1)}×`);
