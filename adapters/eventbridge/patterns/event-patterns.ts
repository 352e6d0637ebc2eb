import { err, ok, type Result } from 'neverthrow';
import { compilePatterns } from './compiled/compile-rules.ts';
import { createMatcher } from './compiled/match-rules.ts';
import { matchDirect } from './direct-match.ts';
import { readEvent } from './event-input.ts';
import { flattenEvent } from './flatten-event.ts';
import { parsePattern } from './parse-pattern.ts';
import type { Pattern, PatternError } from './pattern.types.ts';
import type { PatternOptions } from './pattern-limits.ts';

// EventBridge event-pattern matching, with the semantics of AWS's engine (event-ruler): validation that refuses
// what PutRule refuses, a direct matcher for one pattern, and a compiled matcher for a bus's worth of rules whose
// cost per event grows far slower than the number of rules. Patterns and events may be JSON text or parsed JSON.

export type { Pattern, PatternError } from './pattern.types.ts';
export type { PatternOptions } from './pattern-limits.ts';
export { PATTERN_LIMITS } from './pattern-limits.ts';

export type RuleSet = {
  /** Rule names in the order they were given. */
  readonly names: readonly string[];
  /** Names of the rules matching the event (JSON text or parsed), in rule order; [] for a non-object event. */
  matchingRules(event: unknown): string[];
};

// Patterns that came out of validatePattern, so matchesPattern/compileRules can take them without re-parsing.
const validated = new WeakSet<Pattern>();

const toPattern = (pattern: unknown, options?: PatternOptions): Result<Pattern, PatternError> =>
  typeof pattern === 'object' && pattern !== null && validated.has(pattern as Pattern)
    ? ok(pattern as Pattern)
    : parsePattern(pattern, options);

export const validatePattern = (pattern: unknown, options?: PatternOptions): Result<Pattern, PatternError> =>
  toPattern(pattern, options).map((p) => {
    validated.add(p);
    return p;
  });

/** False when the pattern is invalid or the event is not a JSON object. */
export const matchesPattern = (pattern: unknown, event: unknown): boolean => {
  const parsed = toPattern(pattern);
  const object = readEvent(event);
  return parsed.isOk() && object !== undefined && matchDirect(parsed.value, flattenEvent(object));
};

export const compileRules = (
  rules: Record<string, unknown>,
  options?: PatternOptions,
): Result<RuleSet, PatternError> => {
  const patterns: [string, Pattern][] = [];
  for (const [name, pattern] of Object.entries(rules)) {
    const parsed = toPattern(pattern, options);
    if (parsed.isErr()) {
      const { message, path } = parsed.error;
      return err({
        kind: 'InvalidPattern',
        message: `Rule "${name}": ${message}`,
        path: path === undefined ? name : `${name}: ${path}`,
      });
    }
    patterns.push([name, parsed.value]);
  }
  const compiled = compilePatterns(patterns);
  const match = createMatcher(compiled);
  return ok({
    names: compiled.names,
    matchingRules: (event: unknown) => {
      const object = readEvent(event);
      return object === undefined ? [] : match(object);
    },
  });
};
