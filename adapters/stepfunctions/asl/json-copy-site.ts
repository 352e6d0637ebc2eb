import { copyJson } from './json-copy.ts';
import type { Json, JsonObject } from './types.ts';

// copyJson specialised, per place in the interpreter, to the shape of object it keeps seeing there.
//
// A Task state copies its input for the handler on every visit, and that input usually has the same
// members of the same types each time. The generic walk (copyJson) handles any value, but its reads
// and writes run at call sites that see every object shape in the process, which V8 then serves
// through its megamorphic caches: in the benchmark's Task case the copy was ~15% of a task. Here the
// first object a site sees is described (its own keys in enumeration order, recursively, and the
// type of each value), and a function is compiled for that shape: it checks the object still has it
// and builds the copy as an object literal. Its reads see one shape, and the literal is allocated
// from a template. Any difference (another key, another order, another type, undefined, an odd
// number) makes it answer MISS, and the site copies generically and compiles for the new shape, up to
// a few times; a site whose shapes keep changing stays generic.
//
// Keys enter the compiled source only as JSON.stringify's output, which is a valid JavaScript string
// literal for every string, and only as property names and constants. A key "__proto__" (which a
// literal would take as the prototype) is not compiled. Where code generation from strings is
// disallowed, every site stays generic.

export type CopySite = { copy: Copier | undefined; compiles: number };
type Copier = (v: JsonObject) => Json | typeof MISS;

export const copySite = (): CopySite => ({ copy: undefined, compiles: 0 });

const MISS: unique symbol = Symbol('miss');

/** A site compiles at most this many shapes, then stays generic. */
const MAX_COMPILES_PER_SITE = 4;
/** Larger or deeper objects are copied generically: the compiled code would grow with them. */
const MAX_MEMBERS = 32;
const MAX_DEPTH = 4;
/** Compiled copiers, by source: sites whose values have the same shape share one. */
const compiled = new Map<string, Copier>();
const MAX_COMPILED = 512;

/** The copy of `v` (as copyJson's), through the site's compiled copier when `v` has its shape. */
export const copyAtSite = (site: CopySite, v: Json): Json => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return copyJson(v);
  const copy = site.copy;
  if (copy !== undefined) {
    const out = copy(v);
    if (out !== MISS) return out;
  }
  if (site.compiles < MAX_COMPILES_PER_SITE) {
    site.compiles++;
    site.copy = copierFor(v);
  }
  return copyJson(v);
};

/** Builds the source of a check-and-copy of the object in variable `at`, or undefined when not compiled. */
class Shape {
  readonly #lines: string[] = [];
  readonly #constants: string[][] = [];
  #vars = 0;
  #members = 0;

  /** Statements that check `at` (a variable holding a plain object) and leave its copy's expression. */
  object(at: string, v: JsonObject, depth: number): string | undefined {
    if (depth > MAX_DEPTH || Object.getPrototypeOf(v) !== Object.prototype) return undefined;
    const keys: string[] = [];
    for (const k in v) {
      if (k === '__proto__' || !Object.hasOwn(v, k)) return undefined;
      keys.push(k);
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
    this.#lines.push(
      `if (Object.getPrototypeOf(${at}) !== Object.prototype) return MISS;`,
      `let ${n} = 0;`,
      `for (const k in ${at}) if (k !== ${list}[${n}++]) return MISS;`,
    );
    const members: string[] = [];
    for (const k of keys) {
      const x = `x${this.#vars++}`;
      this.#lines.push(`const ${x} = ${at}[${JSON.stringify(k)}];`);
      const expr = this.#value(x, v[k] as Json, depth);
      if (expr === undefined) return undefined;
      members.push(`${JSON.stringify(k)}: ${expr}`);
    }
    return `{ ${members.join(', ')} }`;
  }

  /** Checks that `x` has the type `sample` has, and gives its copy's expression. */
  #value(x: string, sample: Json, depth: number): string | undefined {
    if (sample === null) {
      this.#lines.push(`if (${x} !== null) return MISS;`);
      return 'null';
    }
    switch (typeof sample) {
      case 'string':
      case 'boolean':
        this.#lines.push(`if (typeof ${x} !== '${typeof sample}') return MISS;`);
        return x;
      case 'number':
        // Finite and not -0: other numbers (which the copy changes) take the generic walk.
        this.#lines.push(
          `if (typeof ${x} !== 'number' || ${x} - ${x} !== 0 || (${x} === 0 && 1 / ${x} < 0)) return MISS;`,
        );
        return x;
    }
    if (Array.isArray(sample)) {
      this.#lines.push(`if (!Array.isArray(${x})) return MISS;`);
      return `copyJson(${x})`;
    }
    if (typeof sample !== 'object') return undefined;
    this.#lines.push(`if (typeof ${x} !== 'object' || ${x} === null || Array.isArray(${x})) return MISS;`);
    return this.object(x, sample, depth + 1);
  }

  source(copyExpr: string): string {
    const constants = this.#constants.map((keys, i) => `const K${i} = ${JSON.stringify(keys)};`).join('\n');
    return `${constants}\nreturn (v) => {\n${this.#lines.join('\n')}\nreturn ${copyExpr};\n};`;
  }
}

const copierFor = (v: JsonObject): Copier | undefined => {
  const shape = new Shape();
  const expr = shape.object('v', v, 0);
  if (expr === undefined) return undefined;
  const source = shape.source(expr);
  const known = compiled.get(source);
  if (known !== undefined) return known;
  let copier: Copier;
  try {
    copier = new Function('MISS', 'copyJson', source)(MISS, copyJson) as Copier;
  } catch {
    return undefined;
  }
  if (compiled.size < MAX_COMPILED) compiled.set(source, copier);
  return copier;
};
