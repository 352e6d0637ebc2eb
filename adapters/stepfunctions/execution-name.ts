import { createHash } from 'node:crypto';

/** Step Functions execution names: 1-80 characters of letters, digits, '-' and '_' (Express logs need this set). */
export const EXECUTION_NAME = /^[A-Za-z0-9_-]{1,80}$/;

const HASH_CHARS = 16;

/**
 * The execution name for an id, so that starting twice for one order runs once. An id that already fits is
 * used as it is (readable in the console); any other is cleaned and cut, and a hash of the whole id is
 * appended so that two ids differing only in dropped characters still get different names.
 */
export const executionName = (id: string): string => {
  if (EXECUTION_NAME.test(id)) return id;
  const hash = createHash('sha256').update(id, 'utf8').digest('base64url').slice(0, HASH_CHARS);
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80 - HASH_CHARS - 1);
  return `${cleaned}-${hash}`;
};
