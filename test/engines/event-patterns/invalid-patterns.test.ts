import { describe, expect, it } from 'vitest';
import { accepted, rejection } from './check.ts';

// Everything EventBridge (event-ruler's JsonRuleCompiler + service limits) refuses, each with a message that says
// what is wrong and where.

const rejects = (pattern: unknown, ...fragments: (string | RegExp)[]) => {
  const message = rejection(pattern);
  for (const f of fragments) expect(message).toMatch(f);
};

describe('pattern structure', () => {
  it('must be a non-empty JSON object', () => {
    rejects([], 'must be a JSON object');
    rejects('"source"', 'must be a JSON object');
    rejects(null, 'must be a JSON object');
    rejects({}, 'empty objects');
    rejects('{"source": ["a"]', 'not valid JSON');
  });

  it('needs arrays at leaves and objects at inner nodes', () => {
    rejects({ source: 'aws.ec2' }, '"source" must be an object or an array', 'at source');
    rejects({ detail: { state: 5 } }, 'at detail.state');
    rejects({ detail: { state: null } }, 'at detail.state');
    rejects({ detail: {} }, 'empty objects', 'at detail');
  });

  it('refuses empty arrays and nested arrays of values', () => {
    rejects({ source: [] }, 'empty arrays', 'at source');
    rejects({ source: [['a']] }, 'at source[0]');
  });

  it('refuses patterns over the size limit, and honours a raised limit', () => {
    const big = { source: Array.from({ length: 300 }, (_, i) => `source-${i}`) };
    rejects(big, '2048');
    expect(rejection(JSON.stringify(big))).toMatch('characters long');
    accepted({ source: ['x'.repeat(2000)] });
  });
});

describe('operators', () => {
  it('are case-sensitive and must be known', () => {
    rejects({ s: [{ Prefix: 'a' }] }, 'unknown operator "Prefix"', 'did you mean "prefix"', 'at s[0]');
    rejects({ s: [{ anything_but: 'a' }] }, 'did you mean "anything-but"');
    rejects({ s: [{ contains: 'a' }] }, 'unknown operator "contains"');
  });

  it('take exactly one operator per object', () => {
    rejects({ s: [{}] }, 'empty match expression');
    rejects({ s: [{ prefix: 'a', suffix: 'b' }] }, 'exactly one operator');
  });

  it('check operand types', () => {
    rejects({ s: [{ prefix: 5 }] }, '"prefix" takes a string', 'at s[0].prefix');
    rejects({ s: [{ suffix: ['a'] }] }, '"suffix" takes a string');
    rejects({ s: [{ prefix: { 'equals-ignore-case': 1 } }] }, 'takes a string');
    rejects({ s: [{ prefix: { wildcard: 'a' } }] }, 'only "equals-ignore-case"');
    rejects({ s: [{ 'equals-ignore-case': ['a'] }] }, 'takes a string');
    rejects({ s: [{ wildcard: 1 }] }, 'takes a string');
    rejects({ s: [{ exists: 'true' }] }, '"exists" takes true or false');
    rejects({ s: [{ cidr: 10 }] }, '"cidr" takes a string');
  });
});

describe('anything-but', () => {
  it('takes strings or comparable numbers, not mixed, null or booleans', () => {
    rejects({ s: [{ 'anything-but': ['a', 1] }] }, 'only strings or only numbers');
    rejects({ s: [{ 'anything-but': null }] }, 'no null');
    rejects({ s: [{ 'anything-but': [true] }] }, 'no null, booleans');
    rejects({ s: [{ 'anything-but': [] }] }, 'must not be empty');
    rejects({ s: [{ 'anything-but': 6e9 }] }, 'outside the supported range');
    rejects({ s: [{ 'anything-but': 0.1234567 }] }, 'more than 6 decimal places');
  });

  it('nests only equals-ignore-case, prefix, suffix and wildcard, with string operands', () => {
    rejects({ s: [{ 'anything-but': { numeric: ['>', 1] } }] }, 'inside "anything-but" only');
    rejects({ s: [{ 'anything-but': { prefix: 'a', suffix: 'b' } }] }, 'inside "anything-but" only');
    rejects({ s: [{ 'anything-but': { prefix: '' } }] }, 'must not be empty');
    rejects({ s: [{ 'anything-but': { suffix: [1] } }] }, 'takes strings only');
    rejects({ s: [{ 'anything-but': { 'equals-ignore-case': 5 } }] }, 'takes strings only');
    rejects({ s: [{ 'anything-but': { wildcard: 'a**' } }] }, 'consecutive wildcard');
    rejects({ s: [{ 'anything-but': [{ prefix: 'a' }] }] }, 'only strings or only numbers');
  });
});

describe('numeric', () => {
  it('follows the operator grammar', () => {
    rejects({ n: [{ numeric: '>5' }] }, 'takes an array');
    rejects({ n: [{ numeric: [] }] }, 'unknown numeric operator');
    rejects({ n: [{ numeric: ['==', 5] }] }, 'unknown numeric operator "=="', 'at n[0].numeric[0]');
    rejects({ n: [{ numeric: ['>', '5'] }] }, 'must be a number', 'at n[0].numeric[1]');
    rejects({ n: [{ numeric: ['>'] }] }, 'must be a number');
    rejects({ n: [{ numeric: ['=', 5, '<', 6] }] }, 'nothing may follow');
    rejects({ n: [{ numeric: ['<', 5, '>', 1] }] }, 'nothing may follow');
    rejects({ n: [{ numeric: ['>', 1, '>', 5] }] }, '"<" or "<="');
    rejects({ n: [{ numeric: ['>', 1, '<'] }] }, 'must be a number');
    rejects({ n: [{ numeric: ['>', 1, '<', 5, '<', 6] }] }, 'too many terms');
  });

  it('refuses empty ranges and numbers outside ±5e9 or with more than six decimals', () => {
    rejects({ n: [{ numeric: ['>', 5, '<', 5] }] }, 'lower bound 5 must be below the upper bound 5');
    rejects({ n: [{ numeric: ['>=', 6, '<=', 5] }] }, 'must be below');
    rejects({ n: [{ numeric: ['>', 5e9] }] }, 'must be below');
    rejects({ n: [{ numeric: ['<', -5e9] }] }, 'must be below');
    rejects({ n: [{ numeric: ['=', 5e9 + 1] }] }, 'outside the supported range');
    rejects({ n: [{ numeric: ['<', 0.1234567] }] }, 'more than 6 decimal places');
    accepted({ n: [{ numeric: ['>=', -5e9, '<=', 5e9] }] });
    accepted({ n: [{ numeric: ['=', 0.123456] }] });
  });
});

describe('cidr', () => {
  it('needs one slash, an integer mask within the family, and a valid address', () => {
    rejects({ ip: [{ cidr: '10.0.0.0' }] }, 'exactly one "/"', 'at ip[0].cidr');
    rejects({ ip: [{ cidr: '10.0.0.0/8/8' }] }, 'exactly one "/"');
    rejects({ ip: [{ cidr: '10.0.0.0/x' }] }, 'must be an integer');
    rejects({ ip: [{ cidr: '10.0.0.0/-1' }] }, 'must not be negative');
    rejects({ ip: [{ cidr: '10.0.0.0/32' }] }, 'IPv4 mask bits must be < 32');
    rejects({ ip: [{ cidr: '2001:db8::/128' }] }, 'IPv6 mask bits must be < 128');
    rejects({ ip: [{ cidr: '10.0.0.256/8' }] }, 'not an IPv4 or IPv6 address');
    rejects({ ip: [{ cidr: 'example.com/8' }] }, 'not an IPv4 or IPv6 address');
    rejects({ ip: [{ cidr: '1::2::3/64' }] }, 'not an IPv4 or IPv6 address');
  });
});

describe('wildcard', () => {
  it('refuses consecutive stars and escapes other than \\* and \\\\', () => {
    rejects({ s: [{ wildcard: 'a**b' }] }, 'consecutive wildcard characters at position 1');
    rejects({ s: [{ wildcard: 'a\\b' }] }, 'invalid escape at position 1');
    rejects({ s: [{ wildcard: 'a\\' }] }, 'invalid escape');
    accepted({ s: [{ wildcard: 'a\\**' }] });
  });

  it('refuses rules that are too complex', () => {
    const stacks = (n: number) => ({ s: Array.from({ length: n }, (_, i) => ({ wildcard: `*:stack/S${i}/*` })) });
    accepted(stacks(3));
    rejects(stacks(4), 'too complex', 'at s');
    rejects({ s: [{ wildcard: '*:*:*:*:*:event-bus/*' }] }, 'too complex');
    accepted({ s: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] });
  });
});

describe('$or', () => {
  it('needs an array of at least two objects', () => {
    rejects({ $or: { a: ['x'] } }, 'at least two objects', 'at $or');
    rejects({ $or: [{ a: ['x'] }] }, 'at least two objects');
    rejects({ $or: [] }, 'at least two objects');
    rejects({ $or: [{ a: ['x'] }, ['b']] }, 'must be an object', 'at $or[1]');
    rejects({ $or: [{ a: ['x'] }, {}] }, 'empty objects');
  });

  it('refuses operator names as field names inside alternatives', () => {
    rejects({ $or: [{ numeric: [123] }, { prefix: ['abc'] }] }, '"numeric" is a reserved word', 'at $or[0].numeric');
    rejects({ $or: [{ a: ['x'] }, { detail: { exists: ['y'] } }] }, '"exists" is a reserved word');
    accepted({ numeric: [123] });
  });

  it('refuses more than 1000 combinations', () => {
    const or10 = Array.from({ length: 10 }, (_, i) => ({ [`k${i}`]: ['v'] }));
    accepted({ $or: or10, a: { $or: or10, b: { $or: or10 } } });
    rejects(
      { $or: or10, a: { $or: or10, b: { $or: or10, c: { $or: [{ x: [1] }, { y: [1] }] } } } },
      '1000 "$or" combinations',
    );
  });
});
