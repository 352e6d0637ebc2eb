import { randomUUID } from 'node:crypto';
import type { Clock } from '#app/ports/clock.ts';
import type { NewId } from '#app/ports/id-generator.ts';

export const systemClock: Clock = () => new Date();
export const randomIds: NewId = () => randomUUID();

/** A clock tests move by hand. */
export const createManualClock = (start = Date.parse('2026-01-01T00:00:00Z')) => {
  let now = start;
  const clock: Clock = () => new Date(now);
  const advance = (ms: number) => {
    now += ms;
  };
  const set = (ms: number) => {
    now = ms;
  };
  return { clock, advance, set };
};

/** Deterministic ids for tests and reproducible runs: prefix-000001, prefix-000002, ... */
export const createSequentialIds = (prefix = 'id'): NewId => {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(6, '0')}`;
};
