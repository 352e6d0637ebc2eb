import { isPlainObject } from './pattern-limits.ts';

/** An event given as JSON text or as an already parsed value; undefined unless it is a JSON object. */
export const readEvent = (event: unknown): Record<string, unknown> | undefined => {
  if (typeof event !== 'string') return isPlainObject(event) ? event : undefined;
  try {
    const parsed: unknown = JSON.parse(event);
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
};
