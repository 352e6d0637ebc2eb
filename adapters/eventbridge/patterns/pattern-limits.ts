import type { PatternError } from './pattern.types.ts';

// Service limits enforced at validation. Sources: EventBridge quotas (event pattern size, 2048 characters by
// default, raisable to 4096), the $or section of the user guide (1000 combinations), event-ruler
// (GenericMachine.MAXIMUM_RULE_SIZE: 256 fields per combination). The wildcard complexity threshold is not
// published; with the metric of wildcard.ts, a rule in the field with three "*:stack/NAME/*" values (complexity 9)
// was accepted and one with four (12) refused as "too complex", so 9 is the highest complexity allowed here.
export const PATTERN_LIMITS = {
  maxPatternLength: 2048,
  maxCombinations: 1000,
  maxFieldsPerCombination: 256,
  maxWildcardComplexity: 9,
} as const;

export type PatternOptions = { readonly maxPatternLength?: number };

// `at` is a readable location such as `detail.lines.sku[0].prefix`.
export const invalid = (reason: string, at?: string): PatternError =>
  at === undefined || at === ''
    ? { kind: 'InvalidPattern', message: `Invalid event pattern: ${reason}` }
    : { kind: 'InvalidPattern', message: `Invalid event pattern at ${at}: ${reason}`, path: at };

export const describe = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
};

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
