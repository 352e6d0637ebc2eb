// CPU time the hypervisor gave to other machines ("steal"), from /proc/stat on Linux. Timings on a
// shared virtual machine move with it: a benchmark reports it so that a reader can tell a quiet run
// from a disturbed one. Undefined where /proc/stat is missing (not Linux) or has no steal column.

import { readFileSync } from 'node:fs';

/** USER_HZ: /proc/stat counts in hundredths of a second on every Linux architecture Node runs on. */
const TICKS_PER_SECOND = 100;

const stealTicks = (): number | undefined => {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]?.trim().split(/\s+/);
    // cpu user nice system idle iowait irq softirq steal ...
    const steal = Number(cpu?.[8]);
    return cpu?.[0] === 'cpu' && Number.isFinite(steal) ? steal : undefined;
  } catch {
    return undefined;
  }
};

/** Starts counting; the returned function gives the seconds stolen from all CPUs since. */
export const stealMeter = (): (() => number | undefined) => {
  const start = stealTicks();
  return () => {
    const end = stealTicks();
    return start === undefined || end === undefined ? undefined : (end - start) / TICKS_PER_SECOND;
  };
};
