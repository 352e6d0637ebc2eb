import { describe, expect, it } from 'vitest';
import { matches } from './check.ts';

// event-ruler README "JSON Array Matching": conditions on fields of objects inside an array must all be met by
// one element; scalar arrays and separate arrays do not constrain each other. exists:false is judged against the
// elements already chosen by the conditions whose paths sort before it (event-ruler's search order).

const employees = {
  employees: [
    { firstName: 'John', lastName: 'Doe' },
    { firstName: 'Anna', lastName: 'Smith' },
    { firstName: 'Peter', lastName: 'Jones' },
  ],
};

describe('array consistency', () => {
  it('requires conditions under one array of objects to hold in the same element', () => {
    expect(matches({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }, employees)).toBe(true);
    expect(matches({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, employees)).toBe(false);
    expect(matches({ employees: { firstName: ['Anna'] } }, employees)).toBe(true);
  });

  it('applies through nested arrays', () => {
    const event = {
      groups: [
        {
          people: [
            { a: 1, b: 2 },
            { a: 3, b: 4 },
          ],
        },
        { people: [{ a: 1, b: 4 }] },
      ],
    };
    expect(matches({ groups: { people: { a: [1], b: [4] } } }, event)).toBe(true);
    expect(matches({ groups: { people: { a: [3], b: [2] } } }, event)).toBe(false);
  });

  it('lets elements of different arrays combine freely', () => {
    const event = { lines: [{ sku: 'A' }], returns: [{ sku: 'B' }] };
    expect(matches({ lines: { sku: ['A'] }, returns: { sku: ['B'] } }, event)).toBe(true);
  });

  it('does not tie scalar array elements to each other or to object elements', () => {
    const event = {
      tags: ['a', 'b'],
      items: [
        { id: 1, tags: ['x'] },
        { id: 2, tags: ['y'] },
      ],
    };
    expect(matches({ tags: ['a'], items: { id: [2] } }, event)).toBe(true);
    expect(matches({ items: { id: [1], tags: ['x'] } }, event)).toBe(true);
    expect(matches({ items: { id: [1], tags: ['y'] } }, event)).toBe(false);
  });

  it('checks exists:false against the element already chosen when its path sorts later', () => {
    const event = { lines: [{ a: 1, z: 1 }, { a: 1 }] };
    expect(matches({ lines: { a: [1], z: [{ exists: false }] } }, event)).toBe(true);
    expect(matches({ lines: { a: [1], z: [{ exists: false }] } }, { lines: [{ a: 1, z: 1 }] })).toBe(false);
  });

  it('checks exists:false against every element when its path sorts first', () => {
    const event = { lines: [{ a: 1, z: 1 }, { z: 1 }] };
    expect(matches({ lines: { a: [{ exists: false }], z: [1] } }, event)).toBe(false);
    expect(matches({ lines: { a: [{ exists: false }], z: [1] } }, { lines: [{ z: 1 }, { z: 2 }] })).toBe(true);
  });

  it('may bind an element rather than a free value so that a later exists:false holds', () => {
    // "lines.a" at the top level is the same field as lines[].a, but belongs to no element.
    const event = { 'lines.a': 1, lines: [{ a: 1, b: 1 }, { a: 1 }] };
    expect(matches({ lines: { a: [1], b: [{ exists: false }] } }, event)).toBe(true);
    expect(matches({ lines: { a: [1], b: [{ exists: false }] } }, { 'lines.a': 1, lines: [{ a: 1, b: 1 }] })).toBe(
      false,
    );
  });

  it('holds across $or alternatives independently', () => {
    const pattern = {
      $or: [
        { employees: { firstName: ['Anna'], lastName: ['Jones'] } },
        { employees: { firstName: ['Peter'], lastName: ['Jones'] } },
      ],
    };
    expect(matches(pattern, employees)).toBe(true);
  });
});
