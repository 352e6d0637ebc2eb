/** Returned by a handler of a `.waitForTaskToken` or activity resource to leave the task open for the caller. */
export const PENDING: unique symbol = Symbol.for('orderly.asl.pending');
export const waitForCallback = (): typeof PENDING => PENDING;
