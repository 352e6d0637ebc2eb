import { describe, expect, it } from 'vitest';
import { matches } from './check.ts';

// User guide, "Event patterns" / "Matching event values" / "Null values and empty strings" / "Arrays".

const ec2 = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

describe('exact values', () => {
  it('matches the user guide EC2 termination pattern and ignores fields it does not name', () => {
    const pattern = {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['terminated'] },
    };
    expect(matches(pattern, ec2)).toBe(true);
    expect(matches(pattern, { ...ec2, detail: { state: 'running' } })).toBe(false);
  });

  it('treats the values of a field as alternatives', () => {
    expect(matches({ source: ['aws.ec2', 'aws.fargate'] }, { source: 'aws.fargate' })).toBe(true);
    expect(matches({ source: ['aws.ec2', 'aws.fargate'] }, { source: 'aws.s3' })).toBe(false);
  });

  it('requires every named field, with the same nesting', () => {
    expect(matches({ source: ['aws.ec2'], detail: { state: ['terminated'] } }, { source: 'aws.ec2' })).toBe(false);
    expect(matches({ detail: { state: ['terminated'] } }, { state: 'terminated' })).toBe(false);
    expect(matches({ state: ['terminated'] }, { detail: { state: 'terminated' } })).toBe(false);
  });

  it('is case-sensitive in keys and values', () => {
    expect(matches({ source: ['aws.ec2'] }, { Source: 'aws.ec2' })).toBe(false);
    expect(matches({ source: ['aws.ec2'] }, { source: 'AWS.EC2' })).toBe(false);
  });

  it('compares numbers numerically: 300 matches 300.0 and 3e2', () => {
    expect(matches({ n: [300] }, JSON.parse('{"n": 300.0}'))).toBe(true);
    expect(matches({ n: [3e2] }, { n: 300 })).toBe(true);
    expect(matches({ n: [300] }, { n: 300.5 })).toBe(false);
    expect(matches(JSON.parse('{"n": [3.00e2]}'), JSON.parse('{"n": 300.000}'))).toBe(true);
  });

  it('never mixes strings with numbers, booleans or null', () => {
    expect(matches({ n: ['300'] }, { n: 300 })).toBe(false);
    expect(matches({ n: [300] }, { n: '300' })).toBe(false);
    expect(matches({ b: [true] }, { b: 'true' })).toBe(false);
    expect(matches({ b: ['true'] }, { b: true })).toBe(false);
    expect(matches({ b: [false] }, { b: false })).toBe(true);
    expect(matches({ v: [null] }, { v: 'null' })).toBe(false);
  });

  it('matches numbers beyond the comparable range (account ids) by value', () => {
    expect(matches({ account: [123456789012] }, { account: 123456789012 })).toBe(true);
    expect(matches({ account: [123456789012] }, { account: 123456789013 })).toBe(false);
  });

  it('matches null only against null, and "" only against the empty string', () => {
    expect(matches({ detail: { responseElements: [null] } }, { detail: { responseElements: null } })).toBe(true);
    expect(matches({ detail: { responseElements: [null] } }, { detail: {} })).toBe(false);
    expect(matches({ detail: { responseElements: [null] } }, { detail: { responseElements: '' } })).toBe(false);
    expect(matches({ detail: { eventVersion: [''] } }, { detail: { eventVersion: '' } })).toBe(true);
    expect(matches({ detail: { eventVersion: [''] } }, { detail: { eventVersion: null } })).toBe(false);
    expect(matches({ detail: { eventVersion: [''] } }, { detail: {} })).toBe(false);
  });

  it('matches a leaf only against leaf values, never against objects', () => {
    expect(matches({ detail: ['x'] }, { detail: { a: 'x' } })).toBe(false);
    expect(matches({ detail: { a: ['x'] } }, { detail: 'x' })).toBe(false);
    expect(matches({ detail: { a: ['x'] } }, { detail: { a: { b: 'x' } } })).toBe(false);
  });

  it('joins keys with dots, so dotted keys and nesting are the same field (event-ruler)', () => {
    expect(matches({ 'detail.state': ['on'] }, { detail: { state: 'on' } })).toBe(true);
    expect(matches({ detail: { state: ['on'] } }, { 'detail.state': 'on' })).toBe(true);
  });

  it('handles keys that are also Object.prototype names', () => {
    const pattern = JSON.parse('{"__proto__": {"a": ["x"]}, "constructor": ["y"], "toString": [{"exists": false}]}');
    expect(matches(pattern, JSON.parse('{"__proto__": {"a": "x"}, "constructor": "y"}'))).toBe(true);
    expect(matches(pattern, JSON.parse('{"__proto__": {"a": "z"}, "constructor": "y"}'))).toBe(false);
    expect(matches(pattern, { constructor: 'y' })).toBe(false);
    expect(matches({ a: ['x'] }, JSON.parse('{"__proto__": {"a": "x"}}'))).toBe(false);
  });

  it('compares IP address literals as addresses', () => {
    expect(matches({ ip: ['10.0.0.1'] }, { ip: '10.0.0.1' })).toBe(true);
    expect(matches({ ip: ['2001:db8::1'] }, { ip: '2001:0DB8:0:0:0:0:0:0001' })).toBe(true);
    expect(matches({ ip: ['2001:db8::1'] }, { ip: '2001:db8::2' })).toBe(false);
  });
});

describe('arrays in events', () => {
  it('matches when any element of the event array is one of the values (user guide "resources")', () => {
    const pattern = {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    };
    const event = {
      resources: [
        'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
      ],
    };
    expect(matches(pattern, event)).toBe(true);
    expect(matches(pattern, { resources: [event.resources[0]] })).toBe(false);
  });

  it('looks into objects inside arrays and nested arrays', () => {
    const event = { employees: [[{ firstName: 'John' }, { firstName: 'Anna' }], [{ firstName: 'Peter' }]] };
    expect(matches({ employees: { firstName: ['Anna'] } }, event)).toBe(true);
    expect(matches({ employees: { firstName: ['Zoe'] } }, event)).toBe(false);
  });

  it('does not see values nested deeper than 1000 levels, and never overflows the stack', () => {
    const nest = (depth: number) => `{"a": ${'['.repeat(depth)}"x"${']'.repeat(depth)}}`;
    expect(matches({ a: ['x'] }, JSON.parse(nest(998)))).toBe(true);
    expect(matches({ a: ['x'] }, JSON.parse(nest(1000)))).toBe(false);
    expect(matches({ a: [{ exists: false }] }, JSON.parse(nest(3000)))).toBe(true);
  });

  it('finds nothing in an empty array', () => {
    expect(matches({ tags: [''] }, { tags: [] })).toBe(false);
    expect(matches({ tags: [null] }, { tags: [] })).toBe(false);
  });
});
