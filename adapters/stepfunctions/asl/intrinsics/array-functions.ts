import { err, ok, Result } from 'neverthrow';
import { deepEqual, isInteger } from '../json.ts';
import type { Json } from '../types.ts';
import { type IntrinsicSpec, int32, want } from './spec.ts';

const MAX_RANGE_ITEMS = 1000;

const partition: IntrinsicSpec['impl'] = ([list, size]) =>
  Result.combine([
    want.array('States.ArrayPartition', list, 'first argument'),
    int32('States.ArrayPartition', size, 'chunk size'),
  ]).andThen(([items, chunk]) => {
    if (chunk <= 0) return err('States.ArrayPartition: the chunk size must be a non-zero, positive integer');
    const out: Json[] = [];
    for (let i = 0; i < items.length; i += chunk) out.push(items.slice(i, i + chunk));
    return ok(out);
  });

const range: IntrinsicSpec['impl'] = ([a, b, c]) =>
  Result.combine([
    int32('States.ArrayRange', a, 'start'),
    int32('States.ArrayRange', b, 'end'),
    int32('States.ArrayRange', c, 'step'),
  ]).andThen(([start, end, step]) => {
    if (step === 0) return err('States.ArrayRange: the step must not be zero');
    const count = Math.floor((end - start) / step) + 1;
    if (count > MAX_RANGE_ITEMS)
      return err(`States.ArrayRange: the array cannot contain more than ${MAX_RANGE_ITEMS} items`);
    const out: number[] = [];
    for (let i = 0; i < count; i++) out.push(start + i * step);
    return ok(out);
  });

const getItem: IntrinsicSpec['impl'] = ([list, index]) =>
  want.array('States.ArrayGetItem', list, 'first argument').andThen((items) => {
    const i = index?.value;
    if (!isInteger(i) || i < 0) return err('States.ArrayGetItem: the index must be a non-negative integer');
    return i < items.length
      ? ok(items[i] as Json)
      : err(`States.ArrayGetItem: index ${i} is out of bounds for an array of length ${items.length}`);
  });

const unique: IntrinsicSpec['impl'] = ([list]) =>
  want
    .array('States.ArrayUnique', list, 'argument')
    .map((items) => items.filter((x, i) => items.findIndex((y) => deepEqual(x, y)) === i));

export const arrayFunctions: Record<string, IntrinsicSpec> = {
  'States.Array': { minArgs: 0, maxArgs: Number.POSITIVE_INFINITY, impl: (args) => ok(args.map((a) => a.value)) },
  'States.ArrayPartition': { minArgs: 2, maxArgs: 2, impl: partition },
  'States.ArrayContains': {
    minArgs: 2,
    maxArgs: 2,
    impl: ([list, value]) =>
      want
        .array('States.ArrayContains', list, 'first argument')
        .map((items) => items.some((x) => deepEqual(x, value?.value ?? null))),
  },
  'States.ArrayRange': { minArgs: 3, maxArgs: 3, impl: range },
  'States.ArrayGetItem': { minArgs: 2, maxArgs: 2, impl: getItem },
  'States.ArrayLength': {
    minArgs: 1,
    maxArgs: 1,
    impl: ([list]) => want.array('States.ArrayLength', list, 'argument').map((items) => items.length),
  },
  'States.ArrayUnique': { minArgs: 1, maxArgs: 1, impl: unique },
};
