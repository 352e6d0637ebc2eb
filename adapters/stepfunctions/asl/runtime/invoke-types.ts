import type { Failure } from '../errors.ts';
import type { Json } from '../types.ts';

/** Returned by a handler of a `.waitForTaskToken` or activity resource to leave the task open for the caller. */
export const PENDING: unique symbol = Symbol.for('orderly.asl.pending');
export const waitForCallback = (): typeof PENDING => PENDING;

export type InvokeRequest = {
  readonly resource: string;
  readonly input: Json;
  readonly inputText: string;
  readonly token: string | undefined;
  readonly timeoutSeconds: number | undefined;
  readonly heartbeatSeconds: number | undefined;
  /** The context object the handler sees; built on demand. */
  readonly contextObject: () => Json;
};

export type InvokeOutcome =
  | { kind: 'succeeded'; output: Json }
  | { kind: 'failed'; failure: Failure }
  | { kind: 'cancelled' };
