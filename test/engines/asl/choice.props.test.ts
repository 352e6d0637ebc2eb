import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { stringMatches } from '#adapters/stepfunctions/asl/choice/string-matches.ts';
import { run } from './fixtures.ts';

// Generated Choice rules, evaluated by the interpreter and by a small reference model written
// straight from the ASL spec's operator table.

type Leaf = { Variable: string; [op: string]: unknown };
type Rule = Leaf | { And: Rule[] } | { Or: Rule[] } | { Not: Rule };

const VARS = ['v0', 'v1', 'v2', 'v3'];
// Small pools so that equal, smaller and greater operands all come up often.
const timestamp = fc.constantFrom('2020-01-01T00:00:00Z', '2020-01-01T00:00:00.500Z', '2021-06-30T12:00:00Z');
const str = fc.constantFrom('', 'a', 'ab', 'b', 'ba');
const num = fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom(0.5, -1.5));
const value = fc.oneof(str, num, fc.boolean(), fc.constant(null), timestamp);

const RELATIONS = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];
const leaf: fc.Arbitrary<Leaf> = fc.oneof(
  fc
    .record({ v: fc.constantFrom(...VARS), rel: fc.constantFrom(...RELATIONS), x: str })
    .map(({ v, rel, x }) => ({ Variable: `$.${v}`, [`String${rel}`]: x })),
  fc
    .record({ v: fc.constantFrom(...VARS), rel: fc.constantFrom(...RELATIONS), x: num })
    .map(({ v, rel, x }) => ({ Variable: `$.${v}`, [`Numeric${rel}`]: x })),
  fc
    .record({ v: fc.constantFrom(...VARS), rel: fc.constantFrom(...RELATIONS), x: timestamp })
    .map(({ v, rel, x }) => ({ Variable: `$.${v}`, [`Timestamp${rel}`]: x })),
  fc
    .record({
      v: fc.constantFrom(...VARS),
      rel: fc.constantFrom(...RELATIONS),
      w: fc.constantFrom(...VARS),
      t: fc.constantFrom('String', 'Numeric', 'Timestamp'),
    })
    .map(({ v, rel, w, t }) => ({ Variable: `$.${v}`, [`${t}${rel}Path`]: `$.${w}` })),
  fc
    .record({ v: fc.constantFrom(...VARS), x: fc.boolean() })
    .map(({ v, x }) => ({ Variable: `$.${v}`, BooleanEquals: x })),
  fc
    .record({ v: fc.constantFrom(...VARS), x: fc.stringMatching(/^[ab*]{0,4}$/) })
    .map(({ v, x }) => ({ Variable: `$.${v}`, StringMatches: x })),
  fc
    .record({ v: fc.constantFrom(...VARS, 'missing'), op: fc.constantFrom('IsPresent'), x: fc.boolean() })
    .map(({ v, op, x }) => ({ Variable: `$.${v}`, [op]: x })),
  fc
    .record({
      v: fc.constantFrom(...VARS),
      op: fc.constantFrom('IsNull', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp'),
      x: fc.boolean(),
    })
    .map(({ v, op, x }) => ({ Variable: `$.${v}`, [op]: x })),
);
const rule: fc.Arbitrary<Rule> = fc.letrec<{ rule: Rule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('rule'), { minLength: 1, maxLength: 3 }).map((And) => ({ And })),
    fc.array(tie('rule'), { minLength: 1, maxLength: 3 }).map((Or) => ({ Or })),
    tie('rule').map((Not) => ({ Not })),
  ),
})).rule;

const compare = (rel: string, a: number | string, b: number | string): boolean =>
  ({ Equals: a === b, LessThan: a < b, GreaterThan: a > b, LessThanEquals: a <= b, GreaterThanEquals: a >= b })[
    rel
  ] as boolean;

const isTs = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v);

const reference = (r: Rule, input: Record<string, unknown>): boolean => {
  const node = r as { And?: Rule[]; Or?: Rule[]; Not?: Rule };
  if (node.And !== undefined) return node.And.every((x) => reference(x, input));
  if (node.Or !== undefined) return node.Or.some((x) => reference(x, input));
  if (node.Not !== undefined) return !reference(node.Not, input);
  const name = (r as Leaf).Variable.slice(2);
  const [op, operand] = Object.entries(r).find(([k]) => k !== 'Variable') as [string, unknown];
  const v = input[name];
  if (op === 'IsPresent') return name in input === operand;
  const typeTests: Record<string, boolean> = {
    IsNull: v === null,
    IsNumeric: typeof v === 'number',
    IsString: typeof v === 'string',
    IsBoolean: typeof v === 'boolean',
    IsTimestamp: isTs(v),
  };
  if (op in typeTests) return typeTests[op] === operand;
  if (op === 'BooleanEquals') return v === operand;
  if (op === 'StringMatches') return typeof v === 'string' && stringMatches(v, operand as string);
  const other = op.endsWith('Path') ? input[(operand as string).slice(2)] : operand;
  const base = op.replace(/Path$/, '');
  const [, family, rel] = /^(String|Numeric|Timestamp)(.*)$/.exec(base) as RegExpExecArray;
  if (family === 'String')
    return typeof v === 'string' && typeof other === 'string' && compare(rel as string, v, other);
  if (family === 'Numeric')
    return typeof v === 'number' && typeof other === 'number' && compare(rel as string, v, other);
  return isTs(v) && isTs(other) && compare(rel as string, Date.parse(v), Date.parse(other));
};

test.prop([rule, fc.tuple(value, value, value, value)], { numRuns: 150 })(
  'Choice agrees with the reference evaluator',
  async (r, values) => {
    const input = Object.fromEntries(VARS.map((v, i) => [v, values[i]]));
    const def = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ ...r, Next: 'Yes' }], Default: 'No' },
        Yes: { Type: 'Pass', Result: true, End: true },
        No: { Type: 'Pass', Result: false, End: true },
      },
    };
    const result = await run(def, input);
    expect(result.status, `${result.error} ${result.cause}`).toBe('SUCCEEDED');
    expect(result.output).toBe(reference(r, input));
  },
);
