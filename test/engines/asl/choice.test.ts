import { describe, expect, it } from 'vitest';
import { stringMatches } from '#adapters/stepfunctions/asl/choice/string-matches.ts';
import { parseTimestamp } from '#adapters/stepfunctions/asl/choice/timestamp.ts';
import { run } from './fixtures.ts';

const machine = (rule: Record<string, unknown>, withDefault = true) => ({
  StartAt: 'C',
  States: {
    C: { Type: 'Choice', Choices: [{ ...rule, Next: 'Yes' }], ...(withDefault ? { Default: 'No' } : {}) },
    Yes: { Type: 'Pass', Result: 'yes', End: true },
    ...(withDefault ? { No: { Type: 'Pass', Result: 'no', End: true } } : {}),
  },
});

/** 'yes' / 'no', or the error name. */
const choose = async (rule: Record<string, unknown>, input: unknown): Promise<string | undefined> => {
  const r = await run(machine(rule), input);
  return r.status === 'SUCCEEDED' ? (r.output as string) : r.error;
};

describe('Choice operators', () => {
  it.each([
    ['StringEquals', 'abc', 'abc', 'yes'],
    ['StringEquals', 'abc', 'abd', 'no'],
    ['StringLessThan', 'abc', 'abd', 'yes'],
    ['StringGreaterThan', 'b', 'abc', 'yes'],
    ['StringLessThanEquals', 'abc', 'abc', 'yes'],
    ['StringGreaterThanEquals', 'abb', 'abc', 'no'],
    ['NumericEquals', 3, 3, 'yes'],
    ['NumericEquals', 3.0, 3, 'yes'],
    ['NumericLessThan', 2, 3, 'yes'],
    ['NumericGreaterThan', 2, 3, 'no'],
    ['NumericLessThanEquals', 3, 3, 'yes'],
    ['NumericGreaterThanEquals', 4, 3, 'yes'],
    ['BooleanEquals', true, true, 'yes'],
    ['BooleanEquals', false, true, 'no'],
    ['TimestampEquals', '2016-03-14T01:59:00Z', '2016-03-14T01:59:00Z', 'yes'],
    ['TimestampEquals', '2016-03-14T03:59:00+02:00', '2016-03-14T01:59:00Z', 'yes'],
    ['TimestampLessThan', '2016-03-14T01:58:59.999Z', '2016-03-14T01:59:00Z', 'yes'],
    ['TimestampGreaterThan', '2017-01-01T00:00:00Z', '2016-03-14T01:59:00Z', 'yes'],
    ['TimestampLessThanEquals', '2016-03-14T01:59:00Z', '2016-03-14T01:59:00Z', 'yes'],
    ['TimestampGreaterThanEquals', '2015-03-14T01:59:00Z', '2016-03-14T01:59:00Z', 'no'],
    ['StringMatches', 'log-2024.txt', 'log-*.txt', 'yes'],
    ['StringMatches', 'log-2024.csv', 'log-*.txt', 'no'],
  ])('%s: %j vs %j → %s', async (op, value, operand, expected) => {
    expect(await choose({ Variable: '$.v', [op]: operand }, { v: value })).toBe(expected);
  });

  it('never matches a value of the wrong type (not an error)', async () => {
    expect(await choose({ Variable: '$.v', StringEquals: '1' }, { v: 1 })).toBe('no');
    expect(await choose({ Variable: '$.v', NumericEquals: 1 }, { v: '1' })).toBe('no');
    expect(await choose({ Variable: '$.v', BooleanEquals: true }, { v: 'true' })).toBe('no');
    expect(await choose({ Variable: '$.v', TimestampEquals: '2016-03-14T01:59:00Z' }, { v: 'not a time' })).toBe('no');
  });

  it('compares two input values with the *Path forms', async () => {
    expect(await choose({ Variable: '$.a', NumericLessThanPath: '$.b' }, { a: 1, b: 2 })).toBe('yes');
    expect(await choose({ Variable: '$.a', StringEqualsPath: '$.b' }, { a: 'x', b: 'x' })).toBe('yes');
    expect(await choose({ Variable: '$.a', BooleanEqualsPath: '$.b' }, { a: true, b: false })).toBe('no');
    expect(
      await choose(
        { Variable: '$.a', TimestampGreaterThanPath: '$.b' },
        { a: '2020-01-01T00:00:00Z', b: '2019-01-01T00:00:00Z' },
      ),
    ).toBe('yes');
    expect(await choose({ Variable: '$.a', NumericEqualsPath: '$.missing' }, { a: 1 })).toBe('States.Runtime');
  });

  it('type tests: IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp (true and false)', async () => {
    expect(await choose({ Variable: '$.v', IsNull: true }, { v: null })).toBe('yes');
    expect(await choose({ Variable: '$.v', IsNull: false }, { v: 0 })).toBe('yes');
    expect(await choose({ Variable: '$.v', IsPresent: true }, { v: null })).toBe('yes');
    expect(await choose({ Variable: '$.v', IsPresent: false }, {})).toBe('yes');
    expect(await choose({ Variable: '$.v', IsNumeric: true }, { v: 1.5 })).toBe('yes');
    expect(await choose({ Variable: '$.v', IsNumeric: true }, { v: '1' })).toBe('no');
    expect(await choose({ Variable: '$.v', IsString: true }, { v: '' })).toBe('yes');
    expect(await choose({ Variable: '$.v', IsBoolean: false }, { v: 'true' })).toBe('yes');
    expect(await choose({ Variable: '$.v', IsTimestamp: true }, { v: '2016-03-14T01:59:00Z' })).toBe('yes');
    expect(await choose({ Variable: '$.v', IsTimestamp: true }, { v: '2016-03-14 01:59:00' })).toBe('no');
  });

  it('And, Or and Not combine rules', async () => {
    const range = {
      And: [
        { Variable: '$.v', NumericGreaterThanEquals: 20 },
        { Variable: '$.v', NumericLessThan: 30 },
      ],
    };
    expect(await choose(range, { v: 25 })).toBe('yes');
    expect(await choose(range, { v: 30 })).toBe('no');
    const either = {
      Or: [
        { Variable: '$.t', StringEquals: 'a' },
        { Variable: '$.t', StringEquals: 'b' },
      ],
    };
    expect(await choose(either, { t: 'b' })).toBe('yes');
    expect(await choose({ Not: { Variable: '$.t', StringEquals: 'a' } }, { t: 'b' })).toBe('yes');
    // Or stops at the first true rule, so a later rule's missing variable does not fail it.
    expect(
      await choose(
        {
          Or: [
            { Variable: '$.t', IsPresent: true },
            { Variable: '$.nope', StringEquals: 'x' },
          ],
        },
        { t: 1 },
      ),
    ).toBe('yes');
  });

  it('a Variable that points nowhere fails the execution with States.Runtime', async () => {
    const r = await run(machine({ Variable: '$.missing', StringEquals: 'x' }), {});
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.Runtime');
    expect(r.cause).toContain("Invalid path '$.missing'");
  });

  it('without a match and without Default fails with States.NoChoiceMatched', async () => {
    const r = await run(machine({ Variable: '$.v', NumericEquals: 1 }, false), { v: 2 });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.NoChoiceMatched');
  });

  it('takes the first matching rule, applies InputPath/OutputPath and rule Assign', async () => {
    const def = {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          InputPath: '$.in',
          OutputPath: '$.keep',
          Choices: [
            { Variable: '$.n', NumericGreaterThan: 0, Next: 'A', Assign: { 'picked.$': '$.n', rule: 'first' } },
            { Variable: '$.n', NumericGreaterThan: -10, Next: 'B' },
          ],
        },
        A: { Type: 'Pass', Parameters: { 'out.$': '$', 'picked.$': '$picked', 'rule.$': '$rule' }, End: true },
        B: { Type: 'Pass', End: true },
      },
    };
    const r = await run(def, { in: { n: 5, keep: { k: 1 } } });
    expect(r.output).toEqual({ out: { k: 1 }, picked: 5, rule: 'first' });
  });
});

describe('StringMatches patterns', () => {
  it.each([
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a*', 'abc', true],
    ['*c', 'abc', true],
    ['a*c', 'ac', true],
    ['a*b*c', 'a-b-b-c', true],
    ['a*b*c', 'a-c-b', false],
    ['*.log', 'app.log', true],
    ['\\*', '*', true],
    ['\\*', 'x', false],
    ['a\\\\b', 'a\\b', true],
    ['**', 'x', true],
    ['ab', 'abab', false],
  ])('%j matches %j: %s', (pattern, value, expected) => {
    expect(stringMatches(value, pattern)).toBe(expected);
  });
});

describe('timestamps', () => {
  it('accept RFC 3339 with uppercase T and Z or an offset, and nothing else', () => {
    expect(parseTimestamp('2016-03-14T01:59:00Z')).toBe(Date.UTC(2016, 2, 14, 1, 59, 0));
    expect(parseTimestamp('2016-03-14T01:59:00.123456Z')).toBeCloseTo(Date.UTC(2016, 2, 14, 1, 59, 0) + 123.456, 3);
    expect(parseTimestamp('2016-03-14T01:59:00-01:30')).toBe(Date.UTC(2016, 2, 14, 3, 29, 0));
    for (const bad of [
      '2016-03-14t01:59:00Z',
      '2016-03-14T01:59:00z',
      '2016-03-14T01:59:00',
      '2016-02-30T00:00:00Z',
      '2016-03-14 01:59:00Z',
      'x',
    ]) {
      expect(parseTimestamp(bad), bad).toBeUndefined();
    }
  });
});
