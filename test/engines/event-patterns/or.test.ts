import { describe, expect, it } from 'vitest';
import { matches } from './check.ts';

// User guide "$or matching" and the event-ruler README: $or forks the pattern into alternatives that each keep
// the surrounding fields; it nests, and it may sit at any level.

describe('$or', () => {
  it('matches when any alternative matches (user guide numeric example)', () => {
    const pattern = {
      $or: [
        { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
        { detail: { 'd-count': [{ numeric: ['<', 10] }] } },
        { detail: { 'x-limit': [{ numeric: ['=', 3.018e2] }] } },
      ],
    };
    expect(matches(pattern, { detail: { 'c-count': 3 } })).toBe(true);
    expect(matches(pattern, { detail: { 'd-count': 30, 'x-limit': 301.8 } })).toBe(true);
    expect(matches(pattern, { detail: { 'c-count': 30, 'd-count': 30 } })).toBe(false);
  });

  it('keeps the fields outside $or in every alternative', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
    };
    expect(matches(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/ES' })).toBe(true);
    expect(matches(pattern, { source: 'aws.s3', namespace: 'AWS/ES' })).toBe(false);
    expect(matches(pattern, { source: 'aws.cloudwatch', metricName: 'Other' })).toBe(false);
  });

  it('nests, with AND inside alternatives (event-ruler README)', () => {
    const pattern = {
      source: ['aws.cloudwatch'],
      $or: [
        { metricName: ['CPUUtilization'] },
        { metricType: ['MetricType'], namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
        { scope: ['Service'] },
      ],
    };
    const base = { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2' };
    expect(matches(pattern, { ...base, spaceId: 1000 })).toBe(true);
    expect(matches(pattern, { ...base, spaceId: 1001 })).toBe(false);
    expect(matches(pattern, { source: 'aws.cloudwatch', scope: 'Service' })).toBe(true);
  });

  it('works under a nested object and in parallel at several levels', () => {
    const pattern = {
      $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
      detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] },
    };
    expect(matches(pattern, { namespace: 'AWS/EC2', detail: { 'detail-type': 'CloudWatch Alarm State Change' } })).toBe(
      true,
    );
    expect(matches(pattern, { namespace: 'AWS/EC2', source: 'aws.cloudwatch' })).toBe(false);
  });

  it('lets an alternative override a field set before it, and a later field override the alternatives', () => {
    expect(matches({ a: ['x'], $or: [{ a: ['y'] }, { b: ['z'] }] }, { a: 'y' })).toBe(true);
    expect(matches({ a: ['x'], $or: [{ a: ['y'] }, { b: ['z'] }] }, { a: 'x', b: 'z' })).toBe(true);
    expect(matches({ $or: [{ a: ['y'] }, { b: ['z'] }], a: ['x'] }, { a: 'y' })).toBe(false);
  });
});
