import { createHash } from 'node:crypto';
import { err, ok, Result } from 'neverthrow';
import { seededRandom } from '../ids.ts';
import type { Json } from '../types.ts';
import { type EvaluatedArg, type IntrinsicSpec, int32, want } from './spec.ts';

const MAX_ENCODE_CHARS = 10_000;
const HASHES: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** How the service prints non-string values inside States.Format: Java's Map/List toString. */
const display = (v: Json): string => {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `[${v.map(display).join(', ')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}=${display(x)}`)
      .join(', ')}}`;
  return JSON.stringify(v);
};

/** Splits a template into literal text and `{}` placeholders; escapes only exist in literal templates. */
const templateParts = (arg: EvaluatedArg): (string | null)[] => {
  const src = arg.raw ?? (arg.value as string);
  const parts: (string | null)[] = [];
  let text = '';
  for (let i = 0; i < src.length; i++) {
    const ch = src.charAt(i);
    if (arg.raw !== undefined && ch === '\\') {
      text += src.charAt(++i);
    } else if (ch === '{' && src.charAt(i + 1) === '}') {
      parts.push(text, null);
      text = '';
      i++;
    } else text += ch;
  }
  parts.push(text);
  return parts;
};

const format: IntrinsicSpec['impl'] = ([template, ...values]) =>
  want.string('States.Format', template, 'first argument').andThen(() => {
    const parts = templateParts(template as EvaluatedArg);
    const holes = parts.filter((p) => p === null).length;
    if (holes !== values.length) {
      return err(`States.Format: the template has ${holes} placeholder(s) but ${values.length} value(s) were given`);
    }
    let next = 0;
    return ok(parts.map((p) => (p === null ? display((values[next++] as EvaluatedArg).value) : p)).join(''));
  });

const boundedString = (fn: string, arg: EvaluatedArg | undefined): Result<string, string> =>
  want
    .string(fn, arg, 'argument')
    .andThen((s) =>
      s.length <= MAX_ENCODE_CHARS ? ok(s) : err(`${fn}: the input must be at most ${MAX_ENCODE_CHARS} characters`),
    );

const base64Decode: IntrinsicSpec['impl'] = ([s]) =>
  boundedString('States.Base64Decode', s).andThen((text) =>
    /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0
      ? ok(Buffer.from(text, 'base64').toString('utf8'))
      : err('States.Base64Decode: the input is not valid base64'),
  );

const hash: IntrinsicSpec['impl'] = ([data, algorithm]) =>
  Result.combine([boundedString('States.Hash', data), want.string('States.Hash', algorithm, 'algorithm')]).andThen(
    ([text, alg]) => {
      const node = HASHES[alg];
      return node === undefined
        ? err(`States.Hash: unsupported algorithm '${alg}' (use one of ${Object.keys(HASHES).join(', ')})`)
        : ok(createHash(node).update(text, 'utf8').digest('hex'));
    },
  );

const jsonMerge: IntrinsicSpec['impl'] = ([a, b, deep]) =>
  Result.combine([
    want.object('States.JsonMerge', a, 'first argument'),
    want.object('States.JsonMerge', b, 'second argument'),
  ]).andThen(([left, right]) => {
    if (typeof deep?.value !== 'boolean') return err('States.JsonMerge: the third argument must be a boolean');
    if (deep.value) return err('States.JsonMerge: only shallow merging is supported; the third argument must be false');
    return ok({ ...left, ...right });
  });

const mathRandom: IntrinsicSpec['impl'] = ([a, b, seed], env) =>
  Result.combine([int32('States.MathRandom', a, 'start'), int32('States.MathRandom', b, 'end')]).andThen(
    ([start, end]) => {
      if (end <= start) return err('States.MathRandom: the end must be greater than the start');
      const seeded = seed === undefined ? ok(env.random) : int32('States.MathRandom', seed, 'seed').map(seededRandom);
      return seeded.map((random) => start + Math.floor(random() * (end - start)));
    },
  );

const stringSplit: IntrinsicSpec['impl'] = ([s, d]) =>
  Result.combine([
    want.string('States.StringSplit', s, 'first argument'),
    want.string('States.StringSplit', d, 'delimiter'),
  ]).map(([text, delims]) => {
    // Every character of the delimiter string splits; empty pieces are dropped (Java StringTokenizer).
    const out: string[] = [];
    let piece = '';
    for (const ch of text) {
      if (delims.includes(ch)) {
        if (piece !== '') out.push(piece);
        piece = '';
      } else piece += ch;
    }
    if (piece !== '') out.push(piece);
    return out;
  });

export const dataFunctions: Record<string, IntrinsicSpec> = {
  'States.Format': { minArgs: 1, maxArgs: Number.POSITIVE_INFINITY, impl: format },
  'States.StringToJson': {
    minArgs: 1,
    maxArgs: 1,
    impl: ([s]) =>
      want.string('States.StringToJson', s, 'argument').andThen((text) => {
        try {
          return ok(JSON.parse(text) as Json);
        } catch {
          return err('States.StringToJson: the argument is not valid JSON text');
        }
      }),
  },
  'States.JsonToString': { minArgs: 1, maxArgs: 1, impl: ([v]) => ok(JSON.stringify(v?.value ?? null)) },
  'States.Base64Encode': {
    minArgs: 1,
    maxArgs: 1,
    impl: ([s]) => boundedString('States.Base64Encode', s).map((t) => Buffer.from(t, 'utf8').toString('base64')),
  },
  'States.Base64Decode': { minArgs: 1, maxArgs: 1, impl: base64Decode },
  'States.Hash': { minArgs: 2, maxArgs: 2, impl: hash },
  'States.JsonMerge': { minArgs: 3, maxArgs: 3, impl: jsonMerge },
  'States.MathRandom': { minArgs: 2, maxArgs: 3, impl: mathRandom },
  'States.MathAdd': {
    minArgs: 2,
    maxArgs: 2,
    impl: ([a, b]) =>
      Result.combine([int32('States.MathAdd', a, 'first argument'), int32('States.MathAdd', b, 'second argument')]).map(
        ([x, y]) => x + y,
      ),
  },
  'States.StringSplit': { minArgs: 2, maxArgs: 2, impl: stringSplit },
  'States.UUID': { minArgs: 0, maxArgs: 0, impl: (_args, env) => ok(env.uuid()) },
};
