import fc from 'fast-check';
import { validatePattern } from '#adapters/eventbridge/patterns/event-patterns.ts';

// Events and patterns over a deliberately tiny vocabulary, so that random patterns often match random events and
// every operator meets every kind of value: nested objects, arrays of objects (array consistency), scalar arrays,
// dotted keys, IP literals, numbers on both sides of the comparable range, null and booleans.

export const KEYS = ['a', 'b', 'c'] as const;
export const STRINGS = ['', 'x', 'xy', 'Xy', 'yx', 'x*y', '10.0.0.1', '10.0.0.7', '::1', 'µ', 'İx'] as const;
export const NUMBERS = [0, -1, 1, 1.5, 2, 300, 0.000001, 0.0000001, 5e9, 6e9, -5e9, 123456789012] as const;

export const aString = fc.constantFrom(...STRINGS);
export const aNumber = fc.constantFrom(...NUMBERS);
export const aScalar: fc.Arbitrary<string | number | boolean | null> = fc.oneof(
  { weight: 4, arbitrary: aString },
  { weight: 3, arbitrary: aNumber },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
);

const aKey = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.constant('a.b') });

/** A JSON object event, at most three levels deep. */
export const anEvent: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{
  value: unknown;
  object: Record<string, unknown>;
}>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: aScalar },
    { weight: 2, arbitrary: tie('object') },
    { weight: 2, arbitrary: fc.array(fc.oneof(aScalar, tie('object')), { maxLength: 3 }) },
    { weight: 2, arbitrary: fc.array(tie('object'), { minLength: 2, maxLength: 3 }) },
  ),
  object: fc.dictionary(aKey, tie('value'), { minKeys: 1, maxKeys: 3 }),
})).object;

const aWildcard = fc.constantFrom('*', 'x*', '*y', 'x*y', '*x*', '\\**', 'xy', '*\\\\*');
const someStrings = fc.array(aString, { minLength: 1, maxLength: 2 });
const notEmpty = fc.constantFrom('x', 'y', 'xy', '10.');

const aRange = fc
  .tuple(fc.constantFrom(-5e9, -1, 0, 1, 1.5, 300, 0.000001, 5e9), fc.constantFrom(-5e9, -1, 0, 1, 1.5, 300, 5e9))
  .chain(([p, q]) =>
    fc.oneof(
      fc.constant(['=', p]),
      fc.constantFrom('<', '<=').map((op) => [op, q]),
      fc.constantFrom('>', '>=').map((op) => [op, p]),
      fc
        .tuple(fc.constantFrom('>', '>='), fc.constantFrom('<', '<='))
        .map(([lo, hi]) => [lo, Math.min(p, q), hi, Math.max(p, q)]),
    ),
  );

export const anAnythingBut: fc.Arbitrary<unknown> = fc.oneof(
  aString,
  fc.constantFrom(0, 1, 1.5, 300, -1),
  someStrings,
  fc.array(fc.constantFrom(0, 1, 300, 0.000001), { minLength: 1, maxLength: 2 }),
  fc.oneof(notEmpty, fc.array(notEmpty, { minLength: 1, maxLength: 2 })).map((prefix) => ({ prefix })),
  fc.oneof(notEmpty, fc.array(notEmpty, { minLength: 1, maxLength: 2 })).map((suffix) => ({ suffix })),
  fc.oneof(aString, someStrings).map((s) => ({ 'equals-ignore-case': s })),
  fc.oneof(aWildcard, fc.array(aWildcard, { minLength: 1, maxLength: 2 })).map((wildcard) => ({ wildcard })),
);

/** One value of a pattern leaf list. */
export const aPatternValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: aScalar },
  { weight: 1, arbitrary: aString.map((prefix) => ({ prefix })) },
  { weight: 1, arbitrary: aString.map((suffix) => ({ suffix })) },
  { weight: 1, arbitrary: aString.map((s) => ({ prefix: { 'equals-ignore-case': s } })) },
  { weight: 1, arbitrary: aString.map((s) => ({ suffix: { 'equals-ignore-case': s } })) },
  { weight: 1, arbitrary: aString.map((s) => ({ 'equals-ignore-case': s })) },
  { weight: 1, arbitrary: aWildcard.map((wildcard) => ({ wildcard })) },
  { weight: 2, arbitrary: anAnythingBut.map((v) => ({ 'anything-but': v })) },
  { weight: 2, arbitrary: aRange.map((numeric) => ({ numeric })) },
  { weight: 2, arbitrary: fc.boolean().map((exists) => ({ exists })) },
  { weight: 1, arbitrary: fc.constantFrom('10.0.0.0/24', '10.0.0.4/30', '::/1').map((cidr) => ({ cidr })) },
);

export const aLeaf = fc.array(aPatternValue, { minLength: 1, maxLength: 3 });

/** A pattern as flat dotted paths → leaf lists (event-ruler treats "a.b" and {a: {b}} alike). */
export const aFlatPattern = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'a.a', 'a.b', 'a.c', 'b.a', 'c.a.b'), aLeaf, {
  minKeys: 1,
  maxKeys: 3,
});

/** Turns dotted keys into nesting, keeping the later of two conflicting leaves like event-ruler's override. */
export const nest = (flat: Record<string, unknown>): Record<string, unknown> => {
  const root: Record<string, unknown> = {};
  for (const [path, leaf] of Object.entries(flat)) {
    const keys = path.split('.');
    let node = root;
    for (const k of keys.slice(0, -1)) {
      const next = node[k];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) node[k] = {};
      node = node[k] as Record<string, unknown>;
    }
    node[keys[keys.length - 1] as string] = leaf;
  }
  return root;
};

/** Nested patterns, some with `$or` (nested too), restricted to the valid ones. */
export const aPattern: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    aFlatPattern,
    fc.option(fc.array(aFlatPattern, { minLength: 2, maxLength: 3 }), { freq: 2 }),
    fc.option(fc.array(aFlatPattern, { minLength: 2, maxLength: 2 }), { freq: 4 }),
  )
  .map(([base, or, inner]) => {
    const pattern: Record<string, unknown> = or === null ? nest(base) : { ...nest(base), $or: or.map(nest) };
    if (inner !== null) pattern.c = { $or: inner.map(nest) };
    return pattern;
  })
  .filter((p) => validatePattern(p).isOk());

/** Leaf values by dotted path, read independently of the engine (arrays flattened away). */
export const leafValues = (event: unknown, path = '', out = new Map<string, unknown[]>()): Map<string, unknown[]> => {
  if (Array.isArray(event)) for (const item of event) leafValues(item, path, out);
  else if (typeof event === 'object' && event !== null)
    for (const [k, v] of Object.entries(event)) leafValues(v, path === '' ? k : `${path}.${k}`, out);
  else if (path !== '') out.set(path, [...(out.get(path) ?? []), event]);
  return out;
};

/** Patterns built from an event's own paths and values, so that matches and near-misses are common. */
export const aPatternFrom = (event: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> => {
  const leaves = [...leafValues(event)];
  if (leaves.length === 0) return aPattern;
  const aCondition = fc
    .constantFrom(...leaves)
    .chain(([path, values]) =>
      fc
        .array(
          fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...values) },
            { weight: 2, arbitrary: aPatternValue },
            { weight: 1, arbitrary: fc.constantFrom(...values).map((v) => ({ 'anything-but': v })) },
            { weight: 1, arbitrary: fc.constant({ exists: false }) },
          ),
          { minLength: 1, maxLength: 2 },
        )
        .map((leaf) => [path, leaf] as const),
    );
  const aFlat = fc.array(aCondition, { minLength: 1, maxLength: 3 }).map((entries) => Object.fromEntries(entries));
  return fc
    .oneof(
      { weight: 3, arbitrary: aFlat.map(nest) },
      { weight: 1, arbitrary: aFlat },
      {
        weight: 1,
        arbitrary: fc.tuple(aFlat, aFlat, aFlat).map(([base, x, y]) => ({ ...nest(base), $or: [nest(x), y] })),
      },
    )
    .filter((p) => validatePattern(p).isOk());
};
