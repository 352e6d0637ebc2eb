import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { PlaceOrderInput } from '#app/use-cases/place-order.ts';
import { aPlaceOrderBody, createHttpHarness } from './http-harness.ts';

const valid = aPlaceOrderBody();

/** Bodies near the valid one: a field replaced by anything, dropped, or an extra field added. */
const mutated = fc.oneof(
  fc
    .record({ key: fc.constantFrom('lines', 'shippingAddress', 'paymentToken'), value: fc.jsonValue() })
    .map(({ key, value }) => ({
      ...valid,
      [key]: value,
    })),
  fc.constantFrom('lines', 'shippingAddress', 'paymentToken').map((key) => {
    const { [key as keyof typeof valid]: _, ...rest } = valid;
    return rest;
  }),
  fc.record({ key: fc.string({ maxLength: 10 }), value: fc.jsonValue({ maxDepth: 2 }) }).map(({ key, value }) => ({
    ...valid,
    [key]: value,
  })),
  fc
    .record({
      quantity: fc.oneof(
        fc.double(),
        fc.integer(),
        fc.constant(Number.MAX_SAFE_INTEGER),
        fc.constant(1e308),
        fc.string(),
      ),
      sku: fc.oneof(fc.constantFrom('BOOK-DDD', 'MUG-LAMBDA', 'NOPE'), fc.string({ unit: 'binary', maxLength: 30 })),
    })
    .map((line) => ({ ...valid, lines: [line] })),
  fc
    .string({ unit: 'binary', maxLength: 60 })
    .map((name) => ({ ...valid, shippingAddress: { ...valid.shippingAddress, name } })),
);

/** Deep nesting: arrays and objects many levels down. */
const deep = fc.integer({ min: 1, max: 400 }).map((depth) => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});

const body = fc.oneof(
  { arbitrary: fc.jsonValue(), weight: 3 },
  { arbitrary: mutated, weight: 4 },
  { arbitrary: deep, weight: 1 },
  { arbitrary: fc.constant(valid), weight: 1 },
);

const harness = createHttpHarness();

test.prop([body, fc.boolean()], { numRuns: 300 })(
  'any JSON body gets a 4xx or a 201, never a 5xx or a throw; an invalid one gets 400 with issues',
  async (json, base64) => {
    const res = await harness.send({ route: 'POST /orders', body: json, base64 });
    expect(res.statusCode).toBeLessThan(500);
    if (res.statusCode === 413) return; // deep nesting can outgrow the size limit: still a clean 4xx
    if (!PlaceOrderInput.safeParse(json).success) {
      expect(res.statusCode).toBe(400);
      expect(res.json.error).toBe('ValidationFailed');
      expect((res.json.issues as unknown[]).length).toBeGreaterThan(0);
    } else {
      expect([201, 400]).toContain(res.statusCode); // 400: a well-formed line with an unknown SKU
    }
  },
);

test.prop([fc.string({ unit: 'binary', maxLength: 200 })], { numRuns: 200 })(
  'any text at all (broken JSON, unicode, control characters) gets a 4xx, never a throw',
  async (rawBody) => {
    const res = await harness.send({ route: 'POST /orders', rawBody });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  },
);
