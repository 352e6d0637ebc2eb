/**
 * JSON Schema 2020-12 (what zod emits) → draft-04 (what the EventBridge schema registry's `JSONSchemaDraft4` type
 * takes). Draft 4 silently ignores keywords it does not know, which would LOOSEN a schema, so a 2020-12 keyword
 * with no draft-4 spelling is a bug to hear about at synth, not something to drop.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = { [k: string]: Json };

export const DRAFT4 = 'http://json-schema.org/draft-04/schema#';

const noDraft4Equivalent = [
  'prefixItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'dependentSchemas',
  'dependentRequired',
  'contains',
  'minContains',
  'maxContains',
  'propertyNames',
  'if',
  'then',
  'else',
  '$dynamicRef',
  '$dynamicAnchor',
  '$anchor',
  '$recursiveRef',
];

// Annotations newer than draft 4 with no effect on validation: dropped so a strict draft-04 reader sees none.
const laterAnnotations = new Set(['readOnly', 'writeOnly', 'examples', 'deprecated', '$comment', 'contentMediaType']);

const schemaMaps = new Set(['properties', 'patternProperties', '$defs', 'definitions']);
const schemaLists = new Set(['anyOf', 'oneOf', 'allOf']);
// additionalProperties / additionalItems may stay boolean in draft 4; elsewhere a boolean schema must become one.
const schemaOrBoolean = new Set(['additionalProperties', 'additionalItems']);

const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

const schemaOf = (v: Json, at: string): Schema => {
  if (v === true) return {};
  if (v === false) return { not: {} };
  if (!isObject(v)) throw new Error(`${at}: expected a schema, got ${JSON.stringify(v)}`);
  return convert(v, at);
};

const convert = (schema: Schema, at: string): Schema => {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    const here = `${at}/${key}`;
    if (noDraft4Equivalent.includes(key)) throw new Error(`${here}: no draft-04 equivalent`);
    if (key === '$schema' || key === '$id' || laterAnnotations.has(key)) continue;
    if (key === 'const') {
      out.enum = [value];
    } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'number') {
    } else if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace(/^#\/\$defs\//, '#/definitions/');
    } else if (schemaMaps.has(key) && isObject(value)) {
      out[key === '$defs' ? 'definitions' : key] = Object.fromEntries(
        Object.entries(value).map(([name, s]) => [name, schemaOf(s, `${here}/${name}`)]),
      );
    } else if (schemaLists.has(key) && Array.isArray(value)) {
      out[key] = value.map((s, i) => schemaOf(s, `${here}/${i}`));
    } else if (key === 'items') {
      out.items = Array.isArray(value) ? value.map((s, i) => schemaOf(s, `${here}/${i}`)) : schemaOf(value, here);
    } else if (key === 'not') {
      out.not = schemaOf(value, here);
    } else if (schemaOrBoolean.has(key)) {
      out[key] = typeof value === 'boolean' ? value : schemaOf(value, here);
    } else {
      out[key] = value;
    }
  }
  bounds(schema, out, 'minimum', 'exclusiveMinimum', (a, b) => a > b);
  bounds(schema, out, 'maximum', 'exclusiveMaximum', (a, b) => a < b);
  return out;
};

/** Both an inclusive and a numeric exclusive bound: keep whichever is stricter, as one draft-4 bound. */
const bounds = (
  from: Schema,
  out: Schema,
  inclusive: 'minimum' | 'maximum',
  exclusive: 'exclusiveMinimum' | 'exclusiveMaximum',
  stricter: (a: number, b: number) => boolean,
): void => {
  const e = from[exclusive];
  if (typeof e !== 'number') return;
  const i = from[inclusive];
  if (typeof i === 'number' && stricter(i, e)) return; // the inclusive bound already excludes e
  out[inclusive] = e;
  out[exclusive] = true;
};

/** A draft-04 document equivalent to the given 2020-12 schema (throws on keywords draft 4 cannot say). */
export const toDraft4 = (schema: unknown): Schema => {
  if (!isObject(schema as Json)) throw new Error('a JSON Schema document must be an object');
  return { $schema: DRAFT4, ...convert(schema as Schema, '#') };
};
