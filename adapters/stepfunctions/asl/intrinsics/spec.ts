import { err, ok, type Result } from 'neverthrow';
import { isObject } from '../json.ts';
import type { Json } from '../types.ts';

export type EvaluatedArg = { value: Json; raw?: string };
export type IntrinsicEnv = { random: () => number; uuid: () => string };
export type IntrinsicImpl = (args: EvaluatedArg[], env: IntrinsicEnv) => Result<Json, string>;
export type IntrinsicSpec = { minArgs: number; maxArgs: number; impl: IntrinsicImpl };

/** Type guards that produce the service-style message naming the function and the argument. */
export const want = {
  string: (fn: string, arg: EvaluatedArg | undefined, what: string): Result<string, string> =>
    typeof arg?.value === 'string' ? ok(arg.value) : err(`${fn}: the ${what} must be a string`),
  array: (fn: string, arg: EvaluatedArg | undefined, what: string): Result<Json[], string> =>
    Array.isArray(arg?.value) ? ok(arg.value) : err(`${fn}: the ${what} must be an array`),
  object: (fn: string, arg: EvaluatedArg | undefined, what: string): Result<Record<string, Json>, string> =>
    isObject(arg?.value) ? ok(arg.value) : err(`${fn}: the ${what} must be a JSON object`),
  number: (fn: string, arg: EvaluatedArg | undefined, what: string): Result<number, string> =>
    typeof arg?.value === 'number' ? ok(arg.value) : err(`${fn}: the ${what} must be a number`),
};

/** Java's Math.round: halves go towards positive infinity (2.5 → 3, -2.5 → -2), which JS matches. */
export const roundLikeJava = (n: number): number => Math.round(n);

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

export const int32 = (fn: string, arg: EvaluatedArg | undefined, what: string): Result<number, string> =>
  want.number(fn, arg, what).andThen((n) => {
    const r = roundLikeJava(n);
    return r >= INT32_MIN && r <= INT32_MAX
      ? ok(r)
      : err(`${fn}: the ${what} must be between ${INT32_MIN} and ${INT32_MAX}`);
  });
