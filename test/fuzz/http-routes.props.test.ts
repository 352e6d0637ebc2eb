import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '#adapters/lambda/http/request.ts';
import { HTTP_RUNS_PER_ROUTE as RUNS } from './budget.ts';
import {
  type CallerKind,
  createHttpFuzzHarness,
  expectSaneRefusal,
  type FuzzRequest,
  type HttpFuzzHarness,
} from './http-harness.ts';
import {
  awkwardString,
  type Body,
  brokenAddressUpdate,
  brokenDecision,
  brokenOrder,
  malformedBody,
  unknownId,
  VALID_ORDER,
} from './malformed.ts';

let h: HttpFuzzHarness;
let baseline: string;
let writes: string;
let known: Set<string>;
beforeAll(async () => {
  h = await createHttpFuzzHarness();
  baseline = await h.snapshot();
  writes = h.writes();
  known = new Set(Object.values(h.ids));
});
// Orders, stock, payments, events and the ledger, compared whole after each route's run.
afterEach(async () => {
  expect(await h.snapshot()).toBe(baseline);
});

/** One generated request and the statuses it may get: plain data, so a failure prints the request itself. */
type Case = Readonly<{ req: FuzzRequest; allowed: readonly number[]; issuePath?: string }>;

const json = (v: unknown): Body => ({ bytes: Buffer.from(JSON.stringify(v)), contentType: 'application/json' });
const authed = fc.constantFrom<CallerKind>('owner', 'other', 'admin');
const unauthenticated = fc.constantFrom<CallerKind>('anonymous', 'forged');
const someBody = () => malformedBody(fc.oneof(brokenOrder(), fc.jsonValue({ maxDepth: 4 })));
const junkHeaders = fc.dictionary(
  fc.constantFrom('x-correlation-id', 'idempotency-key', 'content-length', 'accept', 'x-forwarded-for'),
  awkwardString(),
  { maxKeys: 3 },
);
const freshId = () => unknownId().filter((id) => !known.has(id.trim()) && !known.has(id));
const address = { shippingAddress: VALID_ORDER.shippingAddress };
const refused =
  (allowed: readonly number[]) =>
  (req: FuzzRequest): Case => ({ req, allowed });

/** Every case: the answer is a sane refusal, and orders, stock, payments, events and the ledger never change. */
const check = (route: string, cases: fc.Arbitrary<Case>) =>
  fc.assert(
    fc.asyncProperty(cases, async ({ req, allowed, issuePath }) => {
      const r = await h.send(route, req);
      expectSaneRefusal(r, allowed);
      // base64 grows a body by 4/3: the handler may see more bytes than the client sent, never fewer.
      const sent = req.body?.bytes.length ?? 0;
      if (r.statusCode === 413) expect(Math.ceil(sent / 3) * 4).toBeGreaterThan(MAX_BODY_BYTES);
      if (sent > MAX_BODY_BYTES && req.body?.base64Override === undefined && allowed.includes(413)) {
        expect(r.statusCode).toBe(413);
      }
      if (issuePath) expect(r.json.issues).toEqual([expect.objectContaining({ path: issuePath })]);
      expect(h.writes()).toBe(writes);
    }),
    { numRuns: RUNS },
  );

describe(`every route refuses ${RUNS} generated malformed requests: 4xx with field errors, nothing written`, () => {
  it('POST /orders: 400 with issues[].path, 413 when oversized, 401 without identity', () =>
    check(
      'POST /orders',
      fc.oneof(
        fc.record({ body: someBody(), caller: authed, headers: junkHeaders }).map(refused([400, 413])),
        fc.record({ body: someBody(), caller: unauthenticated }).map(refused([401])),
        // A whole, valid body but an Idempotency-Key that cannot be stored or logged safely.
        fc
          .oneof(
            fc.constant(''),
            fc.string({ unit: 'grapheme', minLength: 1 }).filter((k) => !/^[\x21-\x7E]{1,255}$/.test(k)),
            fc.constant('k'.repeat(256)),
          )
          .map((key) => ({
            req: { body: json(VALID_ORDER), caller: 'owner' as const, headers: { 'idempotency-key': key } },
            allowed: [400],
            issuePath: 'Idempotency-Key',
          })),
      ),
    ));

  it('GET /orders/{id}: 404 for unknown and foreign ids, 400 for an empty one', () =>
    check(
      'GET /orders/{id}',
      fc.oneof(
        fc.record({ id: freshId(), caller: authed, body: someBody(), headers: junkHeaders }).map(refused([404])),
        fc.constant({ req: { id: h.ids.otherOrder, caller: 'owner' as const }, allowed: [404] }),
        fc.constant({ req: { id: h.ids.ownerOrder, caller: 'other' as const }, allowed: [404] }),
        fc.record({ id: fc.constant(''), caller: authed }).map(refused([400])),
        fc.record({ id: fc.string(), caller: unauthenticated }).map(refused([401])),
      ),
    ));

  it('GET /orders: 400 for bad status, limit, cursor or unknown parameters', () => {
    const badLimit = fc
      .oneof(awkwardString(), fc.constantFrom('0', '101', '-1', '1.5', '1e3', 'NaN', 'Infinity', ''))
      .filter((l) => {
        const n = l.trim() === '' ? Number.NaN : Number(l);
        return !(Number.isInteger(n) && n >= 1 && n <= 100);
      });
    const statuses = ['PENDING', 'AWAITING_APPROVAL', 'CONFIRMED', 'CANCELLED'];
    const badQuery = fc.oneof(
      badLimit.map((limit) => ({ limit })),
      awkwardString()
        .filter((s) => !statuses.includes(s))
        .map((status) => ({ status })),
      fc
        .oneof(
          fc.constant(''),
          fc.constant('c'.repeat(2_049)),
          fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
        )
        .map((cursor) => ({ cursor })),
      fc
        .tuple(
          fc.oneof(
            awkwardString().filter((k) => !['status', 'limit', 'cursor', ''].includes(k)),
            // Names a plain object treats specially: the gateway once dropped `?__proto__=` into a prototype.
            fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty'),
          ),
          fc.string(),
        )
        .map(([k, v]) => ({ [k]: v })),
    );
    const encode = (q: Record<string, string>) =>
      Object.entries(q)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join('&');
    return check(
      'GET /orders',
      fc.oneof(
        fc.record({ query: badQuery.map(encode), caller: authed, headers: junkHeaders }).map(refused([400])),
        // Raw junk after `?`: it may decode to nothing (a valid, empty query), never to a 5xx.
        fc.record({ query: fc.string({ unit: 'binary', maxLength: 80 }), caller: authed }).map(refused([200, 400])),
        fc.record({ query: fc.constant('limit=1'), caller: unauthenticated }).map(refused([401])),
      ),
    );
  });

  it('PUT /orders/{id}: 400 for a malformed address, 404 for unknown and foreign ids', () =>
    check(
      'PUT /orders/{id}',
      fc.oneof(
        fc
          .record({
            id: fc.constant(h.ids.ownerOrder),
            caller: fc.constant<CallerKind>('owner'),
            body: malformedBody(brokenAddressUpdate()),
            headers: junkHeaders,
          })
          .map(refused([400, 413])),
        fc.record({ id: freshId(), caller: authed, body: fc.constant(json(address)) }).map(refused([404])),
        fc.constant({ req: { id: h.ids.otherOrder, caller: 'owner' as const, body: json(address) }, allowed: [404] }),
        fc.record({ id: fc.constant(''), caller: authed, body: fc.constant(json({})) }).map(refused([400])),
        fc.record({ id: fc.constant(h.ids.ownerOrder), caller: unauthenticated }).map(refused([401])),
      ),
    ));

  it('POST /orders/{id}/cancel: 404 for unknown and foreign ids whatever the body', () =>
    check(
      'POST /orders/{id}/cancel',
      fc.oneof(
        fc.record({ id: freshId(), caller: authed, body: someBody(), headers: junkHeaders }).map(refused([404])),
        fc
          .record({ id: fc.constant(h.ids.otherOrder), caller: fc.constant<CallerKind>('owner'), body: someBody() })
          .map(refused([404])),
        fc.record({ id: fc.constant(''), caller: authed }).map(refused([400])),
        fc.record({ id: fc.constant(h.ids.ownerOrder), caller: unauthenticated }).map(refused([401])),
      ),
    ));

  it('POST /orders/{id}/approval: 403 for customers, 400 for a malformed decision, 404/409 otherwise', () => {
    const anyId = fc.oneof(freshId(), fc.constant(h.ids.ownerApprovalOrder));
    const decision = fc.constantFrom('approve', 'reject');
    return check(
      'POST /orders/{id}/approval',
      fc.oneof(
        fc
          .record({ id: anyId, caller: fc.constantFrom<CallerKind>('owner', 'other'), body: someBody() })
          .map(refused([403])),
        fc
          .record({ id: anyId, caller: fc.constant<CallerKind>('admin'), body: malformedBody(brokenDecision()) })
          .map(refused([400, 413])),
        fc
          .record({
            id: freshId(),
            caller: fc.constant<CallerKind>('admin'),
            body: decision.map((d) => json({ decision: d })),
          })
          .map(refused([404])),
        // A real order that is not waiting for a decision: refused without a write.
        decision
          .map((d) => ({ id: h.ids.ownerApprovalOrder, caller: 'admin' as const, body: json({ decision: d }) }))
          .map(refused([409])),
        fc.record({ id: fc.constant(h.ids.ownerOrder), caller: unauthenticated }).map(refused([401])),
      ),
    );
  });

  it('GET /products: public; any query, header, body or caller is ignored and nothing is written', () =>
    check(
      'GET /products',
      fc
        .record({
          query: fc.string({ unit: 'binary', maxLength: 80 }),
          caller: fc.constantFrom<CallerKind>('owner', 'other', 'admin', 'anonymous', 'forged'),
          body: someBody(),
          headers: junkHeaders,
        })
        .map(refused([200])),
    ));
});
