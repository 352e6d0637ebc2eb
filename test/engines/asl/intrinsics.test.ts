import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '#adapters/stepfunctions/asl/state-machines.ts';
import { run, single } from './fixtures.ts';

/** Runs `"r.$": expr` in a Pass state and returns r, or the failure. */
const call = async (expr: string, input: unknown = {}, random?: () => number) => {
  const r = await run(
    single({ Type: 'Pass', Parameters: { 'r.$': expr }, End: true }),
    input,
    random ? { random } : {},
  );
  return r.status === 'SUCCEEDED' ? { ok: (r.output as { r: unknown }).r } : { error: r.error, cause: r.cause };
};
const value = async (expr: string, input: unknown = {}) => {
  const r = await call(expr, input);
  expect(r, JSON.stringify(r)).toHaveProperty('ok');
  return (r as { ok: unknown }).ok;
};
const fails = async (expr: string, input: unknown = {}) => {
  const r = await call(expr, input);
  expect(r, JSON.stringify(r)).toMatchObject({ error: 'States.IntrinsicFailure' });
};

describe('intrinsic functions', () => {
  it('States.Format fills {} placeholders, honours escapes and renders values like the service', async () => {
    expect(await value("States.Format('Hello, my name is {}.', $.name)", { name: 'Arnav' })).toBe(
      'Hello, my name is Arnav.',
    );
    expect(await value('States.Format($.template, $.name)', { name: 'Arnav', template: 'Hi {}!' })).toBe('Hi Arnav!');
    expect(await value("States.Format('{} {} {} {}', 1, true, null, 'x')")).toBe('1 true null x');
    expect(await value("States.Format('literal \\{\\} and {}', 'v')")).toBe('literal {} and v');
    expect(await value("States.Format('it\\'s {}', $.o)", { o: { a: 1, b: [1, 2] } })).toBe("it's {a=1, b=[1, 2]}");
    await fails('States.Format($.template, 1)', { template: '{} {}' });
  });

  it('States.StringToJson and States.JsonToString round-trip JSON text', async () => {
    expect(await value('States.StringToJson($.s)', { s: '{"foo":"bar"}' })).toEqual({ foo: 'bar' });
    expect(await value('States.JsonToString($.o)', { o: { foo: 'bar' } })).toBe('{"foo":"bar"}');
    await fails('States.StringToJson($.s)', { s: '{not json' });
    await fails('States.StringToJson($.n)', { n: 1 });
  });

  it('States.Array builds an array of its arguments', async () => {
    expect(await value("States.Array($.id, 'x', 2, States.Array())", { id: 123 })).toEqual([123, 'x', 2, []]);
  });

  it('States.ArrayPartition chunks an array', async () => {
    expect(await value('States.ArrayPartition($.a, 4)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9],
    ]);
    await fails('States.ArrayPartition($.a, 0)', { a: [1] });
    await fails("States.ArrayPartition('x', 2)");
  });

  it('States.ArrayContains compares deeply', async () => {
    expect(await value('States.ArrayContains($.a, $.v)', { a: [1, { x: [2] }], v: { x: [2] } })).toBe(true);
    expect(await value('States.ArrayContains($.a, 3)', { a: [1, 2] })).toBe(false);
    await fails('States.ArrayContains($.a, 3)', { a: 'no' });
  });

  it('States.ArrayRange counts from start to end inclusive by step, at most 1000 items', async () => {
    expect(await value('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(await value('States.ArrayRange(9, 1, -3)')).toEqual([9, 6, 3]);
    expect(await value('States.ArrayRange(0, 999, 1)')).toHaveLength(1000);
    await fails('States.ArrayRange(0, 1000, 1)');
    await fails('States.ArrayRange(1, 5, 0)');
  });

  it('States.ArrayGetItem, States.ArrayLength and States.ArrayUnique', async () => {
    expect(await value('States.ArrayGetItem($.a, 5)', { a: [1, 2, 3, 4, 5, 6, 7] })).toBe(6);
    await fails('States.ArrayGetItem($.a, 3)', { a: [1] });
    await fails('States.ArrayGetItem($.a, -1)', { a: [1] });
    expect(await value('States.ArrayLength($.a)', { a: [1, 2, 3] })).toBe(3);
    expect(await value('States.ArrayUnique($.a)', { a: [1, 2, 3, 3, 3, 3, 3, 3, 4, { a: 1 }, { a: 1 }] })).toEqual([
      1,
      2,
      3,
      4,
      { a: 1 },
    ]);
  });

  it('States.Base64Encode and States.Base64Decode', async () => {
    expect(await value('States.Base64Encode($.s)', { s: 'Data to encode' })).toBe('RGF0YSB0byBlbmNvZGU=');
    expect(await value('States.Base64Decode($.s)', { s: 'RGF0YSB0byBlbmNvZGU=' })).toBe('Data to encode');
    await fails('States.Base64Decode($.s)', { s: 'not base64!' });
    await fails('States.Base64Encode($.s)', { s: 'x'.repeat(10_001) });
  });

  it('States.Hash supports MD5, SHA-1, SHA-256, SHA-384 and SHA-512', async () => {
    for (const [alg, node] of [
      ['MD5', 'md5'],
      ['SHA-1', 'sha1'],
      ['SHA-256', 'sha256'],
      ['SHA-384', 'sha384'],
      ['SHA-512', 'sha512'],
    ]) {
      expect(await value(`States.Hash($.d, '${alg}')`, { d: 'input data' })).toBe(
        createHash(node as string)
          .update('input data')
          .digest('hex'),
      );
    }
    await fails("States.Hash($.d, 'SHA-999')", { d: 'x' });
  });

  it('States.JsonMerge merges shallowly and refuses deep merge', async () => {
    const input = { a: { a: { a1: 1 }, b: 2 }, b: { a: { a3: 1 }, c: 3 } };
    expect(await value('States.JsonMerge($.a, $.b, false)', input)).toEqual({ a: { a3: 1 }, b: 2, c: 3 });
    await fails('States.JsonMerge($.a, $.b, true)', input);
    await fails('States.JsonMerge($.a, 1, false)', input);
  });

  it('States.MathRandom draws start <= n < end from the injected random or a seed', async () => {
    const r = await call('States.MathRandom(1, 999)', {}, () => 0.5);
    expect(r).toEqual({ ok: 500 });
    const seeded1 = await value('States.MathRandom(1, 999, 42)');
    expect(await value('States.MathRandom(1, 999, 42)')).toBe(seeded1);
    await fails('States.MathRandom(5, 5)');
    await fails("States.MathRandom('a', 5)");
  });

  it('States.MathAdd adds integers, rounding like Java and bounded to int32', async () => {
    expect(await value('States.MathAdd($.v, $.s)', { v: 111, s: -1 })).toBe(110);
    expect(await value('States.MathAdd(1.5, 1)')).toBe(3);
    await fails('States.MathAdd(2147483648, 1)');
    await fails("States.MathAdd('1', 1)");
  });

  it('States.StringSplit splits on every delimiter character and drops empty pieces', async () => {
    expect(await value('States.StringSplit($.s, $.d)', { s: 'This.is+a,test=string', d: '.+,=' })).toEqual([
      'This',
      'is',
      'a',
      'test',
      'string',
    ]);
    expect(await value("States.StringSplit('1,,2', ',')")).toEqual(['1', '2']);
  });

  it('States.UUID yields a v4 UUID (deterministic with an injected random)', async () => {
    const a = await call('States.UUID()', {}, () => 0.25);
    expect((a as { ok: string }).ok).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await call('States.UUID()', {}, () => 0.25)).toEqual(a);
  });

  it('nests up to 10 functions', async () => {
    expect(
      await value("States.Format('{}.{}', States.ArrayGetItem(States.StringSplit($.arn, '/'), 1), 'x')", {
        arn: 'a/b/c',
      }),
    ).toBe('b.x');
  });

  it('rejects at validation: unknown functions, wrong arity, bad escapes, placeholder mismatch, > 10 nested', () => {
    const bad = [
      'States.Nope(1)',
      'States.ArrayLength()',
      'States.MathAdd(1)',
      "States.Format('{} {}', 1)",
      "States.Format('bad \\q escape')",
      `${'States.Array('.repeat(11)}${')'.repeat(11)}`,
      'States.Array(1',
    ];
    for (const expr of bad) {
      const r = validateDefinition(single({ Type: 'Pass', Parameters: { 'r.$': expr }, End: true }));
      expect(r.isErr(), expr).toBe(true);
      expect(r._unsafeUnwrapErr()[0]).toMatchObject({ state: 'S', field: 'Parameters' });
    }
  });
});
