import { randomBytes } from 'node:crypto';

/** Tells this process's handles from another's (a handle outliving a restart must not match a new receive). */
const PROCESS_NONCE = randomBytes(6).toString('base64url');
let receives = 0;

/**
 * Receipt handles carry queue and message id, so any handle can be validated without a lookup table, and a
 * process-wide receive count, so each receive's handle is new (the queue accepts only a message's latest one).
 * The queue part is encoded once per queue; a handle costs a string concatenation, not random bytes and JSON.
 */
export const createReceiptHandles = (queueName: string) => {
  const prefix = `${Buffer.from(queueName, 'utf8').toString('base64url')}.`;
  return {
    next: (messageId: string) => `${prefix}${messageId}.${PROCESS_NONCE}${(++receives).toString(36)}`,
    /** The message id a handle of this queue names, or undefined for a malformed or another queue's handle. */
    messageIdOf: (handle: string): string | undefined => {
      if (!handle.startsWith(prefix)) return undefined;
      const end = handle.indexOf('.', prefix.length);
      return end > prefix.length && end < handle.length - 1 ? handle.slice(prefix.length, end) : undefined;
    },
  };
};
