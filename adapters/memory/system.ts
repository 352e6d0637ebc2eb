import { randomUUID } from 'node:crypto';
import { ResultAsync } from 'neverthrow';
import type { Clock } from '#app/ports/clock.ts';
import type { NewId } from '#app/ports/id-generator.ts';
import type { Pause } from '#app/ports/pause.ts';

export const systemClock: Clock = () => new Date();
export const randomIds: NewId = () => randomUUID();
export const timerPause: Pause = (ms) =>
  ResultAsync.fromSafePromise(new Promise<void>((resolve) => setTimeout(resolve, ms)));

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
