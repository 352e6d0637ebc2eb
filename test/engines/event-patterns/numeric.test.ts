import { describe, expect, it } from 'vitest';
import { matches } from './check.ts';

// User guide "Numeric matching" and event-ruler's ComparableNumber: only JSON numbers within ±5e9 with at most six
// decimals take part in numeric comparisons; one-sided ranges are bounded by ±5e9.

const detail = { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8 };

describe('numeric', () => {
  it('matches the user guide example', () => {
    const pattern = {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    };
    expect(matches(pattern, { detail })).toBe(true);
    expect(matches(pattern, { detail: { ...detail, 'c-count': 6 } })).toBe(false);
    expect(matches(pattern, { detail: { ...detail, 'x-limit': 301.81 } })).toBe(false);
  });

  it('honours open and closed bounds', () => {
    const between = { n: [{ numeric: ['>=', 1, '<', 2] }] };
    expect(matches(between, { n: 1 })).toBe(true);
    expect(matches(between, { n: 1.999999 })).toBe(true);
    expect(matches(between, { n: 2 })).toBe(false);
    expect(matches(between, { n: 0.999999 })).toBe(false);
    expect(matches({ n: [{ numeric: ['>', 0] }] }, { n: 0 })).toBe(false);
    expect(matches({ n: [{ numeric: ['<=', 0] }] }, { n: -0 })).toBe(true);
  });

  it('never matches strings, booleans or null, even numeric-looking strings', () => {
    const positive = { n: [{ numeric: ['>', 0] }] };
    expect(matches(positive, { n: '5' })).toBe(false);
    expect(matches(positive, { n: true })).toBe(false);
    expect(matches(positive, { n: null })).toBe(false);
    expect(matches(positive, {})).toBe(false);
  });

  it('ignores numbers outside ±5e9 or with more than six decimals', () => {
    expect(matches({ n: [{ numeric: ['>', 0] }] }, { n: 5e9 })).toBe(true);
    expect(matches({ n: [{ numeric: ['>', 0] }] }, { n: 5000000000.5 })).toBe(false);
    expect(matches({ n: [{ numeric: ['<', 0] }] }, { n: -6e9 })).toBe(false);
    expect(matches({ n: [{ numeric: ['>', 0] }] }, { n: 0.000001 })).toBe(true);
    expect(matches({ n: [{ numeric: ['>', 0] }] }, { n: 0.0000001 })).toBe(false);
  });

  it('matches any element of a numeric array', () => {
    expect(matches({ n: [{ numeric: ['>', 10] }] }, { n: [1, 2, 30] })).toBe(true);
    expect(matches({ n: [{ numeric: ['>', 10] }] }, { n: [1, 2, 3] })).toBe(false);
  });

  it('is independent of how the number is written', () => {
    const pattern = JSON.parse('{"n": [{"numeric": ["=", 3.018e2]}]}');
    for (const text of ['301.8', '301.80', '3.018e2', '30180e-2', '0.3018E3'])
      expect(matches(pattern, JSON.parse(`{"n": ${text}}`))).toBe(true);
  });
});
