import { expect } from 'vitest';
import {
  type ExecutionOptions,
  type ExecutionResult,
  type HistoryEvent,
  type Json,
  runStateMachine,
} from '#adapters/stepfunctions/asl/state-machines.ts';

export const START = Date.UTC(2026, 0, 1, 0, 0, 0);
export const fixedNow = () => START;

/** One-state machine around a state definition, for state-level tests. */
export const single = (state: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  StartAt: 'S',
  States: { S: state },
  ...extra,
});

export const run = (
  definition: unknown,
  input: unknown = {},
  options: ExecutionOptions = {},
): Promise<ExecutionResult> => runStateMachine(definition, input, { now: fixedNow, ...options });

export const succeeded = async (
  definition: unknown,
  input: unknown = {},
  options: ExecutionOptions = {},
): Promise<Json | undefined> => {
  const r = await run(definition, input, options);
  expect(r.status, `${r.error}: ${r.cause}`).toBe('SUCCEEDED');
  return r.output;
};

export const failedWith = async (
  definition: unknown,
  input: unknown = {},
  options: ExecutionOptions = {},
): Promise<ExecutionResult> => {
  const r = await run(definition, input, options);
  expect(r.status).toBe('FAILED');
  return r;
};

export const types = (history: readonly HistoryEvent[]): string[] => history.map((e) => e.type);

/** Milliseconds between the first events of the two given types (after `from`'s first occurrence). */
export const at = (history: readonly HistoryEvent[], type: string, nth = 0): number => {
  const e = history.filter((x) => x.type === type)[nth];
  if (e === undefined) throw new Error(`no ${type} #${nth} in history`);
  return e.timestamp.getTime() - START;
};

/** A task error the way a Lambda would throw it: Error name N, message M. */
export const lambdaError = (name: string, message: string): Error => {
  const e = new Error(message);
  e.name = name;
  return e;
};
