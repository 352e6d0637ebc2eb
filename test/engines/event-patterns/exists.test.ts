import { describe, expect, it } from 'vitest';
import { matches } from './check.ts';

// User guide "Exists matching" and event-ruler: exists works on leaf values; null is a value; an empty array or
// an object holds no leaf value at that path.

describe('exists', () => {
  it('true matches a present leaf of any type, null included', () => {
    const pattern = { detail: { state: [{ exists: true }] } };
    for (const state of ['on', '', 0, false, null, ['x']]) expect(matches(pattern, { detail: { state } })).toBe(true);
    expect(matches(pattern, { detail: {} })).toBe(false);
  });

  it('false matches a missing field only', () => {
    const pattern = { detail: { state: [{ exists: false }] } };
    expect(matches(pattern, { detail: {} })).toBe(true);
    expect(matches(pattern, {})).toBe(true);
    expect(matches(pattern, { detail: { state: null } })).toBe(false);
    expect(matches(pattern, { detail: { state: '' } })).toBe(false);
  });

  it('looks only at leaves: an object or an empty array is not a value there', () => {
    const absent = { detail: { 'c-count': [{ exists: false }] } };
    expect(matches(absent, { detail: { 'c-count': { c1: 100 } } })).toBe(true);
    expect(matches(absent, { detail: { 'c-count': [] } })).toBe(true);
    expect(matches({ detail: { 'c-count': [{ exists: true }] } }, { detail: { 'c-count': { c1: 100 } } })).toBe(false);
    expect(matches({ detail: { 'c-count': [{ exists: true }] } }, { detail: { 'c-count': [] } })).toBe(false);
  });

  it('false combines with other values of the same field as an alternative', () => {
    const pattern = { state: [{ exists: false }, 'off'] };
    expect(matches(pattern, {})).toBe(true);
    expect(matches(pattern, { state: 'off' })).toBe(true);
    expect(matches(pattern, { state: 'on' })).toBe(false);
  });

  it('a pattern of only exists:false matches events without the field', () => {
    expect(matches({ a: [{ exists: false }], b: [{ exists: false }] }, { c: 1 })).toBe(true);
    expect(matches({ a: [{ exists: false }], b: [{ exists: false }] }, { b: 1 })).toBe(false);
  });
});
