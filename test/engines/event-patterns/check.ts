import { expect } from 'vitest';
import { compileRules, matchesPattern, validatePattern } from '#adapters/eventbridge/patterns/event-patterns.ts';

// Every example runs through both matchers: the direct one (matchesPattern) and the compiled rule set, which must
// agree. The event is also given as JSON text, which must change nothing.

export const matches = (pattern: unknown, event: Record<string, unknown>): boolean => {
  const direct = matchesPattern(pattern, event);
  const compiled = compileRules({ rule: pattern })._unsafeUnwrap().matchingRules(event).length === 1;
  expect(compiled, `compiled matcher disagrees on ${JSON.stringify(event)}`).toBe(direct);
  expect(matchesPattern(pattern, JSON.stringify(event)), 'JSON text disagrees').toBe(direct);
  return direct;
};

/** The reason a pattern is rejected (fails the test when it is accepted). */
export const rejection = (pattern: unknown): string => {
  const result = validatePattern(pattern);
  expect(result.isErr(), `expected ${JSON.stringify(pattern)} to be rejected`).toBe(true);
  return result.isErr() ? result.error.message : '';
};

export const accepted = (pattern: unknown): void => {
  const result = validatePattern(pattern);
  expect(result.isOk() ? 'ok' : result.error.message).toBe('ok');
};
