import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { eventJsonSchemas } from '#domain/events.ts';
import { DRAFT4, toDraft4 } from '#infra/cdk/json-schema-draft4.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Schema = boolean | { [k: string]: Json };
type Dialect = '2020-12' | 'draft-04';

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const equal = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const typeOk = (t: string, v: Json): boolean =>
  t === 'integer'
    ? Number.isInteger(v)
    : t === 'number'
      ? typeof v === 'number'
      : t === 'object'
        ? isObject(v)
        : t === 'array'
          ? Array.isArray(v)
          : t === 'null'
            ? v === null
            : typeof v === t;

/**
 * A tiny validator for the keywords the generator below uses, in both dialects: the oracle for "the converted
 * schema accepts exactly what the original accepts". Small on purpose; its dialect differences are the point
 * (const vs enum, numeric vs boolean exclusiveMinimum, $defs vs definitions).
 */
const validate = (root: Schema, schema: Json, v: Json, dialect: Dialect): boolean => {
  if (schema === true) return true;
  if (schema === false) return false;
  if (!isObject(schema)) throw new Error(`not a schema: ${JSON.stringify(schema)}`);
  const s = schema;
  const sub = (x: Json, value: Json) => validate(root, x, value, dialect);
  if (typeof s.$ref === 'string') {
    const [, section, name] = s.$ref.split('/');
    return sub((root as Record<string, Record<string, Json>>)[section as string]?.[name as string] as Json, v);
  }
  if (s.type !== undefined && ![s.type].flat().some((t) => typeOk(String(t), v))) return false;
  if ('const' in s && !equal(s.const, v)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => equal(e, v))) return false;
  if (typeof v === 'number') {
    const exclusiveMin =
      dialect === '2020-12'
        ? typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum
        : s.exclusiveMinimum === true && v <= (s.minimum as number);
    const exclusiveMax =
      dialect === '2020-12'
        ? typeof s.exclusiveMaximum === 'number' && v >= s.exclusiveMaximum
        : s.exclusiveMaximum === true && v >= (s.maximum as number);
    if (exclusiveMin || exclusiveMax) return false;
    if (typeof s.minimum === 'number' && v < s.minimum) return false;
    if (typeof s.maximum === 'number' && v > s.maximum) return false;
  }
  if (isObject(v)) {
    const props = isObject(s.properties) ? s.properties : {};
    if (Array.isArray(s.required) && !s.required.every((k) => String(k) in v)) return false;
    for (const [k, x] of Object.entries(v)) {
      if (k in props) {
        if (!sub(props[k] as Json, x)) return false;
      } else if (s.additionalProperties !== undefined && !sub(s.additionalProperties, x)) return false;
    }
  }
  if (Array.isArray(v) && s.items !== undefined && !v.every((x) => sub(s.items as Json, x))) return false;
  if (Array.isArray(s.anyOf) && !s.anyOf.some((x) => sub(x, v))) return false;
  if (s.not !== undefined && sub(s.not, v)) return false;
  return true;
};

const small = fc.integer({ min: -3, max: 3 });
const value: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    small,
    fc.constantFrom<Json>('x', true, null, 1.5),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('v'), { maxKeys: 3 }),
  ),
})).v;

const schemas = fc.letrec<{ s: Schema }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('integer'), minimum: small }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.constant('integer'), exclusiveMinimum: small }),
    fc.record({ type: fc.constant('number'), minimum: small, exclusiveMinimum: small }),
    fc.record({ maximum: small, exclusiveMaximum: small }, { requiredKeys: [] }),
    fc.record({ const: value }),
    fc.record({ enum: fc.array(value, { minLength: 1, maxLength: 3 }) }),
    fc.constantFrom<Schema>({ type: 'string' }, { type: ['string', 'null'] }, true, false, { $ref: '#/$defs/d' }),
    fc.record({
      type: fc.constant('object'),
      properties: fc.dictionary(fc.constantFrom('a', 'b'), tie('s'), { maxKeys: 2 }),
      required: fc.subarray(['a', 'b']),
      additionalProperties: fc.oneof(fc.boolean(), tie('s')),
    }),
    fc.record({ type: fc.constant('array'), items: tie('s') }),
    fc.record({ anyOf: fc.array(tie('s'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('s') }),
  ),
})).s;

// A document: a schema object at the root, plus one definition its $refs point at (itself ref-free, no cycles).
const documents = fc
  .tuple(
    schemas,
    schemas.filter((d) => !JSON.stringify(d).includes('$ref')),
  )
  .map(([body, def]) => ({ ...(isObject(body) ? body : { not: { not: body } }), $defs: { d: def } }) as Schema);

describe('toDraft4', () => {
  test.prop([documents, fc.array(value, { minLength: 1, maxLength: 12 })], { numRuns: 300 })(
    'the draft-04 schema accepts exactly the values the 2020-12 one accepts',
    (doc, values) => {
      const converted = toDraft4(doc);
      for (const v of values) {
        expect(validate(converted, converted, v, 'draft-04'), JSON.stringify(v)).toBe(validate(doc, doc, v, '2020-12'));
      }
    },
  );

  test.prop([documents])('the output speaks draft 4 only: no const, $defs, numeric exclusive bounds', (doc) => {
    const out = JSON.stringify(toDraft4(doc));
    expect(out).not.toMatch(/"const":|"\$defs":|#\/\$defs\/|"exclusiveMinimum":-?\d/);
    expect(toDraft4(doc).$schema).toBe(DRAFT4);
  });

  test.each(['prefixItems', 'unevaluatedProperties', 'if', 'dependentSchemas', 'propertyNames'])(
    'a 2020-12 keyword with no draft-04 spelling (%s) fails loudly instead of loosening the schema',
    (keyword) => {
      expect(() => toDraft4({ type: 'object', properties: { a: { [keyword]: {} } } })).toThrow(
        /no draft-04 equivalent/,
      );
    },
  );

  test('property names are data, not keywords: a property called "const" or "$defs" stays as it is', () => {
    const out = toDraft4({ type: 'object', properties: { const: { type: 'string' }, $defs: { const: 1 } } });
    expect(out.properties).toStrictEqual({ const: { type: 'string' }, $defs: { enum: [1] } });
  });

  test('annotations newer than draft 4 (readOnly, examples...) are dropped, validation keywords kept', () => {
    expect(toDraft4({ type: 'array', readOnly: true, examples: [[1]], minItems: 1 })).toStrictEqual({
      $schema: DRAFT4,
      type: 'array',
      minItems: 1,
    });
  });

  test('every event schema of the catalog converts', () => {
    for (const [type, schema] of Object.entries(eventJsonSchemas())) {
      expect(() => toDraft4(schema), type).not.toThrow();
    }
  });
});
