import { types } from 'node:util';
import { isObject } from './json.ts';
import { copyJson, keyBound, numberBound, oddNumber, stringBound, toJsonBounded } from './json-copy.ts';
import type { Json, JsonObject } from './types.ts';

// copyJson and toJsonBounded specialised, per place in the interpreter, to the shape of object they
// keep seeing there.
//
// A Task state copies its input for the handler and its handler's result on every visit, and these
// usually have the same members of the same types each time. The generic walks handle any value,
// but their reads and writes run at call sites that see every object shape in the process, which
// V8 then serves through its megamorphic caches: in the benchmark's Task case, run after its other
// cases, the two copies were ~30% of a task. Here the first object a site sees is described (its
// own keys in enumeration order, recursively, and the type of each value), and a function is
// compiled for that shape: it checks the object still has it and builds the copy as an object
// literal. Its reads see one shape, and the literal is allocated from a template. Any difference
// (another key, another order, another type, undefined, an odd number, a toJSON) makes it answer
// MISS, and the site takes the generic walk and compiles for the new shape, up to a few times; a
// site whose shapes keep changing stays generic. Arrays are copied by the generic walk.
//
// Keys enter the compiled source only as JSON.stringify's output, which is a valid JavaScript string
// literal for every string, and only as property names and constants. A key "__proto__" (which a
// literal would take as the prototype) is not compiled. Where code generation from strings is
// disallowed, every site stays generic.

/** Where values are copied: `input` copies JSON the interpreter built (copyJson), `result` any value (toJsonBounded). */
type Mode = 'input' | 'result';

type Compiled = (v: object) => unknown;

export type CopySite = { readonly mode: Mode; compiled: Compiled | undefined; compiles: number };

/** A site copying what the interpreter built, as copyJson does. */
export const inputSite = (): CopySite => ({ mode: 'input', compiled: undefined, compiles: 0 });
/** A site copying what a handler returned, as toJsonBounded does. */
export const resultSite = (): CopySite => ({ mode: 'result', compiled: undefined, compiles: 0 });

const MISS: unique symbol = Symbol('miss');

/** A site compiles at most this many shapes, then stays generic. */
const MAX_COMPILES_PER_SITE = 4;
/** Larger or deeper objects are copied generically: the compiled code would grow with them. */
const MAX_MEMBERS = 32;
const MAX_DEPTH = 4;
/** Compiled copiers, by source: sites whose values have the same shape share one. */
const cache = new Map<string, Compiled>();
const MAX_CACHED = 512;

/** Plain enough to compile for; a proxy is not (describing it would run its traps). */
const isPlainObject = (v: unknown): v is JsonObject =>
  isObject(v) && !types.isProxy(v) && Object.getPrototypeOf(v) === Object.prototype;

// What may have a compiled copy: any object but an array (isObject). The prototype is left to the
// compiled code, where the check reads a shape it knows; before it, with every shape in the process
// passing through, Object.getPrototypeOf is a call into the runtime.

/** Runs the site's compiled copy of `v`; MISS when it has none or `v` has another shape. */
const compiledCopy = (site: CopySite, v: object): unknown => {
  if (site.compiled === undefined) return MISS;
  return site.compiled(v);
};

/**
 * Compiles for `v`'s shape, unless the site has compiled enough shapes already or `v` is not plain.
 * A shape that cannot be compiled (a getter, a toJSON, an array in a result) keeps what the site had.
 */
const learn = (site: CopySite, v: object): void => {
  if (site.compiles >= MAX_COMPILES_PER_SITE || !isPlainObject(v)) return;
  site.compiles++;
  site.compiled = compile(site.mode, v) ?? site.compiled;
};

/** The copy of `v` (as copyJson's), through the site's compiled copy when `v` has its shape. */
export const copyAtSite = (site: CopySite, v: Json): Json => {
  if (!isObject(v)) return copyJson(v);
  const out = compiledCopy(site, v);
  if (out !== MISS) return out as Json;
  learn(site, v);
  return copyJson(v);
};

/**
 * toJsonBounded(v) through the site's compiled copy when `v` has its shape. The compiled copy reads
 * each property once, as the walk does; a getter that throws makes the value not JSON, as there.
 * One difference: if a getter's value then fails the shape's checks, the walk reads it again.
 */
export const boundedAtSite = (site: CopySite, v: unknown): { json: Json; bound: number } | undefined => {
  if (!isObject(v)) return toJsonBounded(v);
  let out: unknown;
  try {
    out = compiledCopy(site, v);
  } catch {
    return undefined;
  }
  if (out !== MISS) return out as { json: Json; bound: number };
  learn(site, v);
  return toJsonBounded(v);
};

/** Builds the source of a check-and-copy of the object in variable `v`. */
class Shape {
  readonly #mode: Mode;
  readonly #lines: string[] = [];
  readonly #constants: string[][] = [];
  #vars = 0;
  #members = 0;
  constructor(mode: Mode) {
    this.#mode = mode;
  }

  /** Statements that check `at` (a variable holding a plain object); gives its copy's expression. */
  object(at: string, v: JsonObject, depth: number): string | undefined {
    if (depth > MAX_DEPTH || !isPlainObject(v)) return undefined;
    const result = this.#mode === 'result';
    // Describing the sample runs none of its code: no getter is called, not even toJSON's.
    if (result && 'toJSON' in v) return undefined;
    const keys: string[] = [];
    const samples: Json[] = [];
    for (const k in v) {
      const own = Object.getOwnPropertyDescriptor(v, k);
      if (k === '__proto__' || own === undefined || !('value' in own)) return undefined;
      keys.push(k);
      samples.push(own.value as Json);
    }
    this.#members += keys.length;
    if (this.#members > MAX_MEMBERS) return undefined;
    const list = `K${this.#constants.length}`;
    this.#constants.push(keys);
    const n = `n${this.#vars++}`;
    // Same prototype, then the same enumerable keys in the same order: for-in lists inherited
    // enumerable keys too, so a key added to Object.prototype is a miss. Fewer keys need no count: a
    // missing key reads as undefined (or as a function inherited from Object.prototype), which
    // every value check below rejects.
    this.#lines.push(`if (Object.getPrototypeOf(${at}) !== Object.prototype) return MISS;`);
    if (result) this.#lines.push(`if (typeof ${at}.toJSON === 'function') return MISS;`);
    this.#lines.push(`let ${n} = 0;`, `for (const k in ${at}) if (k !== ${list}[${n}++]) return MISS;`);
    // The walk's bound for an object: its braces, and each key with its quotes, colon and comma.
    if (result) this.#lines.push(`b += ${keys.reduce((sum, k) => sum + keyBound(k), 2)};`);
    const members: string[] = [];
    for (const [i, k] of keys.entries()) {
      const x = `x${this.#vars++}`;
      this.#lines.push(`const ${x} = ${at}[${JSON.stringify(k)}];`);
      const expr = this.#value(x, samples[i], depth);
      if (expr === undefined) return undefined;
      members.push(`${JSON.stringify(k)}: ${expr}`);
    }
    return `{ ${members.join(', ')} }`;
  }

  /** Checks that `x` has the type `sample` has (adding its bound), and gives its copy's expression. */
  #value(x: string, sample: Json | undefined, depth: number): string | undefined {
    const result = this.#mode === 'result';
    const bound = (expr: string) => {
      if (result) this.#lines.push(`b += ${expr};`);
    };
    if (sample === null) {
      this.#lines.push(`if (${x} !== null) return MISS;`);
      bound('4');
      return 'null';
    }
    switch (typeof sample) {
      case 'string':
        this.#lines.push(`if (typeof ${x} !== 'string') return MISS;`);
        bound(`stringBound(${x})`);
        return x;
      case 'boolean':
        this.#lines.push(`if (typeof ${x} !== 'boolean') return MISS;`);
        bound('5');
        return x;
      case 'number':
        // Numbers the copy changes (-0, NaN, Infinity) take the generic walk.
        this.#lines.push(`if (typeof ${x} !== 'number' || oddNumber(${x})) return MISS;`);
        bound(`numberBound(${x})`);
        return x;
      case 'object':
        break;
      default:
        return undefined;
    }
    if (Array.isArray(sample)) {
      if (result) return undefined;
      this.#lines.push(`if (!Array.isArray(${x})) return MISS;`);
      return `copyJson(${x})`;
    }
    this.#lines.push(`if (typeof ${x} !== 'object' || ${x} === null || Array.isArray(${x})) return MISS;`);
    return this.object(x, sample, depth + 1);
  }

  source(copyExpr: string): string {
    const constants = this.#constants.map((keys, i) => `const K${i} = ${JSON.stringify(keys)};`).join('\n');
    const body =
      this.#mode === 'result'
        ? `let b = 0;\n${this.#lines.join('\n')}\nreturn { json: ${copyExpr}, bound: b };`
        : `${this.#lines.join('\n')}\nreturn ${copyExpr};`;
    return `${constants}\nreturn (v) => {\n${body}\n};`;
  }
}

const compile = (mode: Mode, v: object): Compiled | undefined => {
  const shape = new Shape(mode);
  const expr = shape.object('v', v as JsonObject, 0);
  if (expr === undefined) return undefined;
  const source = shape.source(expr);
  const known = cache.get(source);
  if (known !== undefined) return known;
  let compiled: Compiled;
  try {
    compiled = new Function('MISS', 'copyJson', 'oddNumber', 'stringBound', 'numberBound', source)(
      MISS,
      copyJson,
      oddNumber,
      stringBound,
      numberBound,
    ) as Compiled;
  } catch {
    return undefined;
  }
  if (cache.size < MAX_CACHED) cache.set(source, compiled);
  return compiled;
};
