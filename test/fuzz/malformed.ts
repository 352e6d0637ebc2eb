import fc from 'fast-check';
import { MAX_BODY_BYTES } from '#adapters/lambda/http/request.ts';

/** Generated malformed inputs, shared by the HTTP and consumer fuzzers. Each one is invalid by construction. */

export const ADDRESS = { name: 'Ada', line1: '1 Main St', city: 'Paris', postalCode: '75001', country: 'FR' };
export const VALID_ORDER = {
  lines: [{ sku: 'BOOK-DDD', quantity: 1 }],
  shippingAddress: ADDRESS,
  paymentToken: 'tok_visa',
} as const;

/** Text that JSON.parse refuses: truncations of valid JSON, stray tokens, NaN, single quotes, binary. */
export const invalidJsonText = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat()).map(([v, n]) => {
        const s = JSON.stringify(v) ?? 'null';
        return s.slice(0, n % Math.max(1, s.length));
      }),
      fc.constantFrom('{', '[', '{"lines":[', "{'a':1}", 'NaN', 'undefined', '{"a":1,}', '[1,]', '\u0000', '{"a":01}'),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.jsonValue().map((v) => `${JSON.stringify(v)}}`),
    )
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    });

/** Nesting far deeper than any schema expects, as raw JSON text (the generator itself must not recurse). */
export const deeplyNestedText = (): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 50, max: 7_000 }), fc.boolean())
    .map(([depth, arrays]) =>
      arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
    )
    .filter((s) => s.length <= MAX_BODY_BYTES);

/** Numbers JavaScript and zod find awkward. */
export const awkwardNumber = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1_001, 2 ** 31),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n) || n < 1 || n > 1_000),
    fc.string({ maxLength: 12 }),
    fc.constant(null),
    fc.boolean(),
  );

/** Strings outside every identifier rule: unicode, control characters, very long, empty. */
export const awkwardString = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('', ' ', '\u202e', 'tok_', 'tok_ spaces', 'Ω≈ç√', '💥', 'a'.repeat(300), '<script>'),
  );

/** The valid order with one field broken: replaced, dropped, retyped, or a forbidden extra (prices, ids). */
export const brokenOrder = (): fc.Arbitrary<Record<string, unknown>> => {
  const fields = ['lines', 'shippingAddress', 'paymentToken'] as const;
  return fc.oneof(
    fc
      .record({ key: fc.constantFrom(...fields), value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), awkwardString()) })
      .map(({ key, value }) => ({ ...VALID_ORDER, [key]: value })),
    fc.subarray([...fields], { minLength: 1 }).map((drop) => {
      const copy: Record<string, unknown> = { ...VALID_ORDER };
      for (const k of drop) delete copy[k];
      return copy;
    }),
    fc
      .record({
        key: fc.constantFrom('unitPrice', 'total', 'price', 'customerId', 'status', 'orderId', '__proto__', 'x'),
        value: fc.jsonValue({ maxDepth: 2 }),
      })
      .map(({ key, value }) => ({ ...VALID_ORDER, [key]: value })),
    fc
      .record({ quantity: awkwardNumber(), sku: fc.oneof(fc.constant('BOOK-DDD'), awkwardString()) })
      .map((l) => ({ ...VALID_ORDER, lines: [l] })),
    fc
      .record({ unitPrice: fc.jsonValue({ maxDepth: 2 }), price: fc.integer() })
      .map((extra) => ({ ...VALID_ORDER, lines: [{ ...VALID_ORDER.lines[0], ...extra }] })),
    fc.integer({ min: 51, max: 200 }).map((n) => ({ ...VALID_ORDER, lines: Array(n).fill(VALID_ORDER.lines[0]) })),
    fc
      .record({ key: fc.constantFrom('name', 'line1', 'city', 'postalCode', 'country'), value: badAddressValue() })
      .map(({ key, value }) => ({ ...VALID_ORDER, shippingAddress: { ...ADDRESS, [key]: value } })),
  );
};

/** A value no address field accepts: blank, too long for every field, not a string at all. */
const badAddressValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom('', '   ', '\t\n', 'x'.repeat(201), 'é'.repeat(250)),
    fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 })),
  );

/** A shipping-address update body that cannot be valid. */
export const brokenAddressUpdate = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v !== 'object' || v === null || !('shippingAddress' in v)),
    // `lines` does not belong in an update, so this is refused even when the address happens to be whole.
    brokenOrder().map((o) => ({ shippingAddress: o.shippingAddress ?? o, lines: o.lines ?? [] })),
    fc
      .record({ key: fc.constantFrom('name', 'line1', 'city', 'postalCode', 'country'), value: badAddressValue() })
      .map(({ key, value }) => ({ shippingAddress: { ...ADDRESS, [key]: value } })),
    fc.record({ key: fc.constantFrom('total', 'status', 'x'), value: fc.jsonValue() }).map(({ key, value }) => ({
      shippingAddress: ADDRESS,
      [key]: value,
    })),
  );

/** An approval body that cannot be valid. */
export const brokenDecision = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    awkwardString()
      .filter((d) => d !== 'approve' && d !== 'reject')
      .map((decision) => ({ decision })),
    fc.constantFrom({ decision: 'APPROVE' }, { decision: 'approve', by: 'me' }, { decision: ['approve'] }, {}),
  );

export type Body = Readonly<{ bytes: Buffer; contentType: string | undefined; base64Override?: boolean | undefined }>;

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/octet-stream',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'image/png',
  undefined,
);

/**
 * A request body on the wire: a malformed JSON value, invalid JSON, deep nesting, oversized, empty or binary,
 * under any content type (the gateway base64-encodes non-text types, as HTTP API does).
 */
export const malformedBody = (json: fc.Arbitrary<unknown>): fc.Arbitrary<Body> =>
  fc.record({
    bytes: fc.oneof(
      { weight: 5, arbitrary: json.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
      { weight: 2, arbitrary: invalidJsonText().map((s) => Buffer.from(s)) },
      { weight: 1, arbitrary: deeplyNestedText().map((s) => Buffer.from(s)) },
      { weight: 1, arbitrary: oversized() },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)) },
      { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
    ),
    contentType: contentTypes,
    base64Override: fc.option(fc.boolean(), { nil: undefined }),
  });

/** Just over the limit, up to twice it, or 64 times it: the handler must refuse it before parsing. */
export const oversized = (): fc.Arbitrary<Buffer> =>
  fc
    .tuple(
      fc.oneof(fc.integer({ min: MAX_BODY_BYTES + 1, max: MAX_BODY_BYTES * 2 }), fc.constant(MAX_BODY_BYTES * 64)),
      fc.constantFrom('a', 'é', '"', '[', '💥'),
    )
    .map(([n, c]) => Buffer.from(`{"lines":"${c.repeat(Math.ceil(n / Buffer.byteLength(c)))}"}`));

/** Path parameter values that name no order: unknown ids, unicode, traversal, very long, encoded slashes. */
export const unknownId = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
    fc.constantFrom('../../etc/passwd', '%2F', 'o-000001/../x', 'a'.repeat(2_000), ' ', '\u0000', '__proto__', '{id}'),
    fc.uuid(),
  );
