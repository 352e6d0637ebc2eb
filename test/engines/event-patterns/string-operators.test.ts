import { describe, expect, it } from 'vitest';
import { matches } from './check.ts';

// User guide, "Content filtering": prefix, suffix, equals-ignore-case and wildcard, with their case-insensitive
// forms; event-ruler: these operators only ever match string values.

describe('prefix', () => {
  it('matches the start of a string (user guide "time" example)', () => {
    const pattern = { time: [{ prefix: '2017-10-02' }] };
    expect(matches(pattern, { time: '2017-10-02T18:43:48Z' })).toBe(true);
    expect(matches(pattern, { time: '2017-10-03T18:43:48Z' })).toBe(false);
    expect(matches(pattern, { time: '2017-10-0' })).toBe(false);
  });

  it('ignores case with {"equals-ignore-case": ...} inside', () => {
    const pattern = { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } };
    for (const service of ['EventBridge', 'EVENTBRIDGE', 'eventbridge', 'eVeNtB'])
      expect(matches(pattern, { detail: { service } })).toBe(true);
    expect(matches(pattern, { detail: { service: 'Event Bridge' } })).toBe(false);
  });

  it('never matches numbers, booleans or null, and the empty prefix matches every string', () => {
    expect(matches({ n: [{ prefix: '12' }] }, { n: 123 })).toBe(false);
    expect(matches({ b: [{ prefix: 'tr' }] }, { b: true })).toBe(false);
    expect(matches({ v: [{ prefix: 'nu' }] }, { v: null })).toBe(false);
    expect(matches({ s: [{ prefix: '' }] }, { s: '' })).toBe(true);
    expect(matches({ s: [{ prefix: '' }] }, { s: 0 })).toBe(false);
  });
});

describe('suffix', () => {
  it('matches the end of a string (user guide "FileName" example)', () => {
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'image.png' })).toBe(true);
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'image.PNG' })).toBe(false);
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'image.png.txt' })).toBe(false);
  });

  it('ignores case with {"equals-ignore-case": ...} inside', () => {
    const pattern = { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } };
    expect(matches(pattern, { detail: { FileName: 'photo.PNG' } })).toBe(true);
    expect(matches(pattern, { detail: { FileName: 'photo.PnG' } })).toBe(true);
    expect(matches(pattern, { detail: { FileName: 'photo.jpg' } })).toBe(false);
  });
});

describe('equals-ignore-case', () => {
  it('matches whole strings in any casing', () => {
    const pattern = { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] };
    expect(matches(pattern, { 'detail-type': 'EC2 Instance State-change Notification' })).toBe(true);
    expect(matches(pattern, { 'detail-type': 'EC2 Instance State-change' })).toBe(false);
  });

  it('folds non-ASCII letters character by character', () => {
    expect(matches({ city: [{ 'equals-ignore-case': 'münchen' }] }, { city: 'MÜNCHEN' })).toBe(true);
    expect(matches({ city: [{ 'equals-ignore-case': 'ΑΘΗΝΑ' }] }, { city: 'αθηνα' })).toBe(true);
    expect(matches({ city: [{ 'equals-ignore-case': 'x' }] }, { city: 'y' })).toBe(false);
  });

  it('does not match numbers', () => {
    expect(matches({ n: [{ 'equals-ignore-case': '1' }] }, { n: 1 })).toBe(false);
  });
});

describe('wildcard', () => {
  it('matches any run of characters, including none (user guide examples)', () => {
    const bus = { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] };
    expect(matches(bus, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/default' })).toBe(true);
    expect(matches(bus, { EventBusArn: 'arn:aws:events:us-east-1::event-bus/' })).toBe(true);
    expect(matches(bus, { EventBusArn: 'arn:aws:events:us-west-2:123456789012:event-bus/default' })).toBe(false);
    const png = { FilePath: [{ wildcard: 'dir/*.png' }] };
    expect(matches(png, { FilePath: 'dir/sub/dir/image.png' })).toBe(true);
    expect(matches(png, { FilePath: 'dir/image.png.jpg' })).toBe(false);
  });

  it('without a star is an exact match, and "*" matches every string but nothing else', () => {
    expect(matches({ s: [{ wildcard: 'abc' }] }, { s: 'abc' })).toBe(true);
    expect(matches({ s: [{ wildcard: 'abc' }] }, { s: 'abcd' })).toBe(false);
    expect(matches({ s: [{ wildcard: '*' }] }, { s: '' })).toBe(true);
    expect(matches({ s: [{ wildcard: '*' }] }, { s: 42 })).toBe(false);
  });

  it('reads \\* as a literal star and \\\\ as a literal backslash', () => {
    expect(matches({ s: [{ wildcard: 'a\\*b' }] }, { s: 'a*b' })).toBe(true);
    expect(matches({ s: [{ wildcard: 'a\\*b' }] }, { s: 'axb' })).toBe(false);
    expect(matches({ s: [{ wildcard: 'a\\\\*' }] }, { s: 'a\\anything' })).toBe(true);
    expect(matches({ s: [{ wildcard: 'a\\\\*' }] }, { s: 'anything' })).toBe(false);
  });

  it('places later pieces after earlier ones and may overlap nothing', () => {
    expect(matches({ s: [{ wildcard: '*ab*ba*' }] }, { s: 'xaba' })).toBe(false);
    expect(matches({ s: [{ wildcard: '*ab*ba*' }] }, { s: 'abba' })).toBe(true);
    expect(matches({ s: [{ wildcard: 'a*a' }] }, { s: 'a' })).toBe(false);
    expect(matches({ s: [{ wildcard: 'a*a' }] }, { s: 'aa' })).toBe(true);
  });
});
