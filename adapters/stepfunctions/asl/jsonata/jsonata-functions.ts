import { createHash } from 'node:crypto';
import type { Json } from '../types.ts';

// The functions Step Functions adds to JSONata ($partition, $range, $hash, $random, $uuid, $parse).
// `$eval` is not available in the service, so it is bound to a function that always fails.

const HASHES: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

const fail = (message: string): never => {
  // JSONata reports errors thrown from bound functions as evaluation errors, which we surface
  // as States.QueryEvaluationError; this is the one place a thrown error carries a runtime failure.
  throw new Error(message);
};

export const stepFunctionsJsonataFunctions = (random: () => number, uuid: () => string): Record<string, unknown> => ({
  partition: (array: unknown, size: unknown) => {
    if (!Array.isArray(array)) return fail('$partition: the first argument must be an array');
    if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0)
      return fail('$partition: the chunk size must be a positive integer');
    const out: unknown[] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  },
  range: (start: unknown, end: unknown, step: unknown) => {
    if (![start, end, step].every((n) => typeof n === 'number' && Number.isInteger(n)))
      return fail('$range: arguments must be integers');
    const [a, b, s] = [start, end, step] as number[];
    if (s === 0) return fail('$range: the step must not be zero');
    const out: number[] = [];
    for (let i = a as number; (s as number) > 0 ? i <= (b as number) : i >= (b as number); i += s as number) {
      out.push(i);
      if (out.length > 1000) return fail('$range: the result cannot contain more than 1000 items');
    }
    return out;
  },
  hash: (data: unknown, algorithm: unknown) => {
    const alg = typeof algorithm === 'string' ? HASHES[algorithm] : undefined;
    if (typeof data !== 'string') return fail('$hash: the data must be a string');
    if (alg === undefined) return fail(`$hash: unsupported algorithm '${String(algorithm)}'`);
    return createHash(alg).update(data, 'utf8').digest('hex');
  },
  random: (seed?: unknown) => {
    if (seed === undefined) return random();
    if (typeof seed !== 'number') return fail('$random: the seed must be a number');
    // A seeded call is deterministic; a simple integer hash of the seed is enough for that.
    const x = Math.sin(seed) * 10_000;
    return x - Math.floor(x);
  },
  uuid: () => uuid(),
  parse: (text: unknown) => {
    if (typeof text !== 'string') return fail('$parse: the argument must be a string');
    try {
      return JSON.parse(text) as Json;
    } catch {
      return fail('$parse: the argument is not valid JSON text');
    }
  },
  eval: () => fail('$eval is not supported in Step Functions; use $parse'),
});
