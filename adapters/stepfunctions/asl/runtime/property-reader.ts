// A read of one property whose name is known ahead, with a call site of its own.
//
// `handlers[name]` at one shared call site, with a name that changes from state to state (fifty Task
// states each reading their own handler), makes V8's inline cache for that site megamorphic: every
// read then probes a global cache and, on a miss, searches the object's property descriptors. In
// the benchmark's Task case, run after its other cases, a CPU profile put ~5% of a task's time in
// that one read.
// A function compiled per name has a read site of its own, which caches the object's layout after
// its first read and then costs a map check and a load.

/** Reads the property `name` of an object: `o[name]`, including inherited members, as the keyed read. */
export type PropertyReader = (o: object) => unknown;

/**
 * The name enters the function's source only as JSON.stringify's output, which is a valid JavaScript
 * string literal for every string (lone surrogates are escaped; U+2028/U+2029 are allowed in
 * literals since ES2019), so no name can change what the function does. Where code generation from
 * strings is disallowed (`node --disallow-code-generation-from-strings`, a CSP), the keyed read serves.
 */
export const propertyReader = (name: string): PropertyReader => {
  try {
    return new Function('o', `return o[${JSON.stringify(name)}];`) as PropertyReader;
  } catch {
    return (o) => (o as Record<string, unknown>)[name];
  }
};
