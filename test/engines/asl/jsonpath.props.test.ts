import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { evaluatePath } from '#adapters/stepfunctions/asl/jsonpath/evaluate.ts';
import { parsePath } from '#adapters/stepfunctions/asl/jsonpath/parser.ts';
import { applyResultPath } from '#adapters/stepfunctions/asl/jsonpath/result-path.ts';
import type { Json } from '#adapters/stepfunctions/asl/types.ts';

const json = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
const doc = fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }), {
  maxKeys: 5,
}) as fc.Arbitrary<Record<string, Json>>;

/** Every (path, value) pair reachable in a document, written in bracket notation. */
const paths = (value: Json, prefix = '$'): [string, Json][] => {
  const here: [string, Json][] = [[prefix, value]];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => paths(v, `${prefix}[${i}]`)));
  if (value !== null && typeof value === 'object') {
    return here.concat(
      Object.entries(value).flatMap(([k, v]) =>
        paths(v, `${prefix}['${k.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`),
      ),
    );
  }
  return here;
};

const roots = (input: Json) => ({ input, context: () => null, variable: () => undefined });

test.prop([doc])('every reachable reference path evaluates to the value found there', (input) => {
  for (const [text, value] of paths(input)) {
    const path = parsePath(text);
    expect(path.isOk(), text).toBe(true);
    expect(path._unsafeUnwrap().reference).toBe(true);
    expect(evaluatePath(path._unsafeUnwrap(), roots(input))._unsafeUnwrap()).toEqual(value);
  }
});

test.prop([doc, json])(
  'a ResultPath write is read back by the same path and leaves the input unchanged',
  (input, result) => {
    const before = structuredClone(input);
    for (const [text] of paths(input)) {
      const placed = applyResultPath(text, input, result);
      if (placed.isErr()) continue;
      const back = evaluatePath(parsePath(text)._unsafeUnwrap(), roots(placed.value));
      expect(back._unsafeUnwrap()).toEqual(result);
    }
    expect(input).toEqual(before);
  },
);

test.prop([fc.array(json, { maxLength: 6 }), fc.integer({ min: -8, max: 8 }), fc.integer({ min: -8, max: 8 })])(
  'slices and wildcards agree with Array.prototype.slice',
  (list, start, end) => {
    const input = { xs: list };
    const sliced = evaluatePath(parsePath(`$.xs[${start}:${end}]`)._unsafeUnwrap(), roots(input))._unsafeUnwrap();
    expect(sliced).toEqual(list.slice(start, end));
    expect(evaluatePath(parsePath('$.xs[*]')._unsafeUnwrap(), roots(input))._unsafeUnwrap()).toEqual(list);
  },
);
