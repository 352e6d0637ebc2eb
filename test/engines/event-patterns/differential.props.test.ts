import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { compileRules, matchesPattern } from '#adapters/eventbridge/patterns/event-patterns.ts';
import { anEvent, aPattern, aPatternFrom } from './arbitraries.ts';

// The compiled rule set (indexes, shared conditions, counting, array-consistency search over recorded pairs) and
// the direct matcher (full flattening, backtracking per alternative) are separate implementations of the same
// semantics: for any rules and events they must name the same rules. Most rules are built from the first
// event's own paths and values, so that matches, near misses and array-consistency conflicts are common.

const named = (patterns: readonly unknown[]) => Object.fromEntries(patterns.map((p, i) => [`rule-${i}`, p]));

const aCase = anEvent.chain((event) =>
  fc.tuple(
    fc.constant(event),
    fc.array(fc.oneof({ weight: 4, arbitrary: aPatternFrom(event) }, { weight: 1, arbitrary: aPattern }), {
      minLength: 1,
      maxLength: 8,
    }),
    fc.array(anEvent, { maxLength: 2 }),
  ),
);

const expectSameRules = (rules: Record<string, unknown>, events: readonly unknown[]) => {
  const ruleSet = compileRules(rules)._unsafeUnwrap();
  for (const event of events) {
    const expected = Object.keys(rules).filter((name) => matchesPattern(rules[name], event));
    expect(ruleSet.matchingRules(event)).toEqual(expected);
  }
};

test.prop([aCase], { numRuns: 1500 })(
  'compiled matchingRules = rules whose pattern matchesPattern',
  ([event, patterns, others]) => expectSameRules(named(patterns), [event, ...others]),
);

test.prop([fc.array(aPattern, { minLength: 1, maxLength: 6 }), fc.array(anEvent, { minLength: 1, maxLength: 3 })], {
  numRuns: 500,
})('the same for unrelated random rules and events', (patterns, events) => expectSameRules(named(patterns), events));

// The compiled matcher re-anchors its rules after 256 events (see match-rules.ts): a long stream must agree too.
test.prop([fc.array(aPattern, { minLength: 2, maxLength: 8 }), fc.array(anEvent, { minLength: 20, maxLength: 40 })], {
  numRuns: 25,
})('the same across re-anchoring, over a long stream of events', (patterns, events) => {
  const rules = named(patterns);
  const ruleSet = compileRules(rules)._unsafeUnwrap();
  const expected = events.map((e) => Object.keys(rules).filter((name) => matchesPattern(rules[name], e)));
  for (let round = 0; round < 20; round++)
    events.forEach((e, i) => {
      expect(ruleSet.matchingRules(e)).toEqual(expected[i]);
    });
});
