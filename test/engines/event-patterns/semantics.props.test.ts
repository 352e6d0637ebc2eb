import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { compileRules, matchesPattern, validatePattern } from '#adapters/eventbridge/patterns/event-patterns.ts';
import { aFlatPattern, anAnythingBut, anEvent, aPattern, aPatternFrom, aScalar } from './arbitraries.ts';

// (2) `$or` is the union of its expansions. With dotted keys, the expansion of {...base, $or: [A, B]} is
// {...base, ...A} and {...base, ...B}: an alternative's key replaces the same base key, as in event-ruler.
test.prop([aFlatPattern, fc.array(aFlatPattern, { minLength: 2, maxLength: 3 }), anEvent], { numRuns: 2000 })(
  '$or matches exactly when one of its expanded alternatives matches',
  (base, alternatives, event) => {
    const pattern = { ...base, $or: alternatives };
    fc.pre(validatePattern(pattern).isOk()); // then every expansion is valid too
    const expanded = alternatives.some((alternative) => matchesPattern({ ...base, ...alternative }, event));
    expect(matchesPattern(pattern, event)).toBe(expanded);
  },
);

// (3) For a present scalar field, anything-but X matches exactly when X does not. The positive form of an
// excluded string is {"exactly": s}, since a plain string that looks like an IP address compares as an address
// while anything-but compares strings.
const positive = (x: unknown): unknown[] => {
  const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
  if (typeof x === 'object' && x !== null && !Array.isArray(x)) {
    const [[op, v]] = Object.entries(x) as [[string, unknown]];
    return list(v).map((s) => ({ [op]: s }));
  }
  return list(x).map((v) => (typeof v === 'string' ? { exactly: v } : v));
};

test.prop([anAnythingBut, aScalar], { numRuns: 3000 })('anything-but X ≡ not X on a present scalar', (x, value) => {
  const event = { f: value };
  expect(matchesPattern({ f: [{ 'anything-but': x }] }, event)).toBe(!matchesPattern({ f: positive(x) }, event));
});

// (4) Numeric matching depends on the number, not on how the event writes it.
const spellings = (x: number): string[] => {
  const out = new Set([String(x), x.toExponential(), x.toExponential().toUpperCase(), x.toPrecision(17)]);
  if (Number.isInteger(x) && Math.abs(x) < 1e15) out.add(`${x}.000`);
  for (const digits of [6, 9]) if (Number(x.toFixed(digits)) === x) out.add(`${x.toFixed(digits)}00`);
  return [...out].filter((s) => Number(s) === x);
};
const aNumber = fc.oneof(
  fc.integer({ min: -6_000_000_000, max: 6_000_000_000 }),
  fc.integer({ min: -5_000_000, max: 5_000_000 }).map((n) => n / 1000),
  fc.integer({ min: -5_000_000, max: 5_000_000 }).map((n) => n / 1_000_000),
  fc.double({ min: -6e9, max: 6e9, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(5e9, -5e9, 0.000001, 0.0000001, 301.8),
);
const aNumericValue = fc.oneof(
  aNumber.filter((n) => Math.abs(n) <= 5e9).map((n) => ({ numeric: ['=', Number(n.toFixed(6))] })),
  aNumber.filter((n) => Math.abs(n) < 5e9).map((n) => ({ numeric: ['>', Number(n.toFixed(6))] })),
  aNumber.filter((n) => Math.abs(n) < 5e9).map((n) => ({ numeric: ['<=', Number(n.toFixed(6))] })),
  aNumber,
  aNumber.filter((n) => Math.abs(n) <= 5e9).map((n) => ({ 'anything-but': Number(n.toFixed(6)) })),
);

test.prop([aNumber, fc.array(aNumericValue, { minLength: 1, maxLength: 3 })], { numRuns: 2000 })(
  'numeric results are the same for every spelling of the number',
  (x, values) => {
    const pattern = { n: values };
    fc.pre(validatePattern(pattern).isOk());
    const ruleSet = compileRules({ r: pattern })._unsafeUnwrap();
    const results = spellings(x).flatMap((s) => [
      matchesPattern(pattern, `{"n": ${s}}`),
      ruleSet.matchingRules(`{"n": ${s}}`).length === 1,
    ]);
    expect(new Set(results).size).toBe(1);
  },
);

// (5) JSON text and parsed objects are interchangeable, for patterns and for events.
test.prop([anEvent.chain((e) => fc.tuple(fc.constant(e), aPatternFrom(e))), anEvent], { numRuns: 2000 })(
  'JSON text and parsed objects give the same result',
  ([event, pattern], other) => {
    for (const e of [event, other]) {
      const expected = matchesPattern(pattern, e);
      expect(matchesPattern(JSON.stringify(pattern), JSON.stringify(e))).toBe(expected);
      expect(matchesPattern(pattern, JSON.stringify(e))).toBe(expected);
      const fromText = compileRules({ r: JSON.stringify(pattern) })._unsafeUnwrap();
      expect(fromText.matchingRules(JSON.stringify(e)).length === 1).toBe(expected);
    }
  },
);

test.prop([aPattern], { numRuns: 500 })('validation accepts the JSON text of every valid pattern', (pattern) => {
  expect(compileRules({ r: JSON.stringify(pattern) }).isOk()).toBe(true);
});
