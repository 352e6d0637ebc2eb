import { describe, expect, it } from 'vitest';
import { evaluatePath } from '#adapters/stepfunctions/asl/jsonpath/evaluate.ts';
import { parsePath } from '#adapters/stepfunctions/asl/jsonpath/parser.ts';
import { applyResultPath } from '#adapters/stepfunctions/asl/jsonpath/result-path.ts';
import type { Json } from '#adapters/stepfunctions/asl/types.ts';

const store: Json = {
  store: {
    book: [
      { category: 'reference', author: 'Nigel Rees', title: 'Sayings of the Century', price: 8.95 },
      { category: 'fiction', author: 'Evelyn Waugh', title: 'Sword of Honour', price: 12.99 },
      { category: 'fiction', author: 'Herman Melville', title: 'Moby Dick', isbn: '0-553-21311-3', price: 8.99 },
      {
        category: 'fiction',
        author: 'J. R. R. Tolkien',
        title: 'The Lord of the Rings',
        isbn: '0-395-19395-8',
        price: 22.99,
      },
    ],
    bicycle: { color: 'red', price: 19.95 },
  },
  'odd key': 1,
  vals: [0, 10, 20, 30, 40, 50],
};

const ctx: Json = { Execution: { Id: 'exec-1', Input: { a: 1 } } };
const vars: Record<string, Json> = { customer: { name: 'Ada' } };

const evaluate = (text: string, input: Json = store) => {
  const path = parsePath(text);
  if (path.isErr()) throw new Error(path.error);
  return evaluatePath(path.value, { input, context: () => ctx, variable: (n) => vars[n] });
};
const value = (text: string, input?: Json) => evaluate(text, input)._unsafeUnwrap();

describe('JSONPath evaluation (Jayway semantics as in Step Functions)', () => {
  it('reads dot and bracket names, indexes and negative indexes', () => {
    expect(value('$')).toEqual(store);
    expect(value('$.store.bicycle.color')).toBe('red');
    expect(value("$['store']['bicycle']['price']")).toBe(19.95);
    expect(value('$["odd key"]')).toBe(1);
    expect(value('$.vals[2]')).toBe(20);
    expect(value('$.vals[-1]')).toBe(50);
  });

  it('fails a definite path that finds nothing, with the service wording', () => {
    const r = evaluate('$.store.car.color');
    expect(r._unsafeUnwrapErr()).toBe("Invalid path '$.store.car.color' : No results for path: $['store']['car']");
    expect(evaluate('$.vals[6]').isErr()).toBe(true);
    expect(evaluate('$.vals.x').isErr()).toBe(true);
  });

  it('returns a list for indefinite paths: wildcards, unions, slices, deep scan', () => {
    expect(value('$.store.book[*].author')).toEqual([
      'Nigel Rees',
      'Evelyn Waugh',
      'Herman Melville',
      'J. R. R. Tolkien',
    ]);
    expect(value('$.store.*.price')).toEqual([19.95]);
    expect(value('$.vals[0,2]')).toEqual([0, 20]);
    expect(value('$.vals[1:3]')).toEqual([10, 20]);
    expect(value('$.vals[3:]')).toEqual([30, 40, 50]);
    expect(value('$.vals[:2]')).toEqual([0, 10]);
    expect(value('$.vals[-2:]')).toEqual([40, 50]);
    expect(value('$.vals[::2]')).toEqual([0, 20, 40]);
    expect(value('$..price')).toEqual([8.95, 12.99, 8.99, 22.99, 19.95]);
    expect(value('$.store.book[*].missing')).toEqual([]);
  });

  it('merges a multi-name leaf into an object', () => {
    expect(value("$.store.bicycle['color','price']")).toEqual({ color: 'red', price: 19.95 });
  });

  it('filters with comparisons, existence, regex, in/nin and boolean logic', () => {
    const titles = (f: string) => (value(`$.store.book[?(${f})]`) as { title: string }[]).map((b) => b.title);
    expect(titles('@.price < 10')).toEqual(['Sayings of the Century', 'Moby Dick']);
    expect(titles('@.isbn')).toEqual(['Moby Dick', 'The Lord of the Rings']);
    expect(titles("@.category == 'fiction' && @.price > 20")).toEqual(['The Lord of the Rings']);
    expect(titles('@.author =~ /.*Rees/')).toEqual(['Sayings of the Century']);
    expect(titles('@.author =~ /nigel.*/i')).toEqual(['Sayings of the Century']);
    expect(titles("@.category in ['reference']")).toEqual(['Sayings of the Century']);
    expect(titles("@.category nin ['fiction']")).toEqual(['Sayings of the Century']);
    expect(titles('!(@.price >= 9) || @.price == 22.99')).toEqual([
      'Sayings of the Century',
      'Moby Dick',
      'The Lord of the Rings',
    ]);
    expect(titles('@.price > $.store.bicycle.price')).toEqual(['The Lord of the Rings']);
    expect(titles('@.missing != 1')).toHaveLength(4);
    expect(value('$.vals[?(@ > 25)]')).toEqual([30, 40, 50]);
  });

  it('reads the context object with $$ and workflow variables with $name', () => {
    expect(value('$$.Execution.Id')).toBe('exec-1');
    expect(value('$customer.name')).toBe('Ada');
    expect(evaluate('$unknown.x')._unsafeUnwrapErr()).toContain("Undefined variable '$unknown'");
  });

  it('rejects malformed paths', () => {
    for (const bad of ['store', '$.', '$..', '$[', "$['a'", '$.a[?(@.x <)]', '$.a b', '$[1:2:3:4]', '$[::0]']) {
      expect(parsePath(bad).isErr(), bad).toBe(true);
    }
  });

  it('tells definite and reference paths apart', () => {
    const info = (t: string) => {
      const p = parsePath(t)._unsafeUnwrap();
      return [p.definite, p.reference];
    };
    expect(info('$.a.b[0]')).toEqual([true, true]);
    expect(info('$.a[*]')).toEqual([false, false]);
    expect(info('$..a')).toEqual([false, false]);
    expect(info('$.a[?(@.x)]')).toEqual([false, false]);
    expect(info('$.a[1:2]')).toEqual([false, false]);
  });
});

describe('ResultPath', () => {
  const input: Json = { a: { b: 1 }, list: [1, 2], s: 'text' };

  it('replaces the input by default and with $, discards the result with null', () => {
    expect(applyResultPath(undefined, input, 42)._unsafeUnwrap()).toBe(42);
    expect(applyResultPath('$', input, 42)._unsafeUnwrap()).toBe(42);
    expect(applyResultPath(null, input, 42)._unsafeUnwrap()).toEqual(input);
  });

  it('writes into a copy, creating missing objects and keeping the original intact', () => {
    expect(applyResultPath('$.a.c', input, 42)._unsafeUnwrap()).toEqual({ ...input, a: { b: 1, c: 42 } });
    expect(applyResultPath('$.x.y.z', input, 1)._unsafeUnwrap()).toEqual({ ...input, x: { y: { z: 1 } } });
    expect(applyResultPath('$.list[1]', input, 9)._unsafeUnwrap()).toEqual({ ...input, list: [1, 9] });
    expect(input).toEqual({ a: { b: 1 }, list: [1, 2], s: 'text' });
  });

  it('fails when the path runs into a value that is not an object', () => {
    expect(applyResultPath('$.s.x', input, 1).isErr()).toBe(true);
    expect(applyResultPath('$.x', 'a string input', 1).isErr()).toBe(true);
    expect(applyResultPath('$.list[5]', input, 1).isErr()).toBe(true);
  });
});
