import type { Scalar } from './pattern.types.ts';

// An event as event-ruler sees it: a list of leaf fields named by their dotted path. A field inside an object
// (or array) that is itself an element of an array records that element as (array id, index); scalar array
// elements record only their enclosing elements, exactly like event-ruler's Event class. Two fields may be used
// together only if they agree on every array they share ("array consistency").

/** Values inside containers nested this deep (the event itself is depth 0) are not seen (Jackson, event-ruler's parser, refuses deeper JSON outright). */
export const MAX_DEPTH = 1000;

export type Field = { readonly value: Scalar; readonly membership: ReadonlyMap<number, number> };

export type FlatEvent = ReadonlyMap<string, readonly Field[]>;

const NO_MEMBERSHIP: ReadonlyMap<number, number> = new Map();

export const flattenEvent = (event: Record<string, unknown>): FlatEvent => {
  const fields = new Map<string, Field[]>();
  let arrays = 0;
  const add = (path: string, value: Scalar, membership: ReadonlyMap<number, number>) => {
    const list = fields.get(path);
    if (list === undefined) fields.set(path, [{ value, membership }]);
    else list.push({ value, membership });
  };
  const visit = (
    value: unknown,
    path: string | undefined,
    membership: ReadonlyMap<number, number>,
    depth: number,
  ): void => {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') add(path ?? '', value, membership);
    else if (typeof value === 'number') {
      if (Number.isFinite(value)) add(path ?? '', value, membership);
    } else if (depth >= MAX_DEPTH) {
      return;
    } else if (Array.isArray(value)) {
      const id = arrays++;
      value.forEach((element, index) => {
        const nested = typeof element === 'object' && element !== null;
        visit(element, path, nested ? new Map(membership).set(id, index) : membership, depth + 1);
      });
    } else if (typeof value === 'object') {
      // Object.entries reads an own "__proto__" key as data, unlike value["__proto__"].
      for (const [key, child] of Object.entries(value))
        visit(child, path === undefined ? key : `${path}.${key}`, membership, depth + 1);
    }
  };
  visit(event, undefined, NO_MEMBERSHIP, 0);
  return fields;
};
