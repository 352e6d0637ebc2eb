import type { GatewayResponse } from '../gateway/gateway.ts';

/**
 * Fields that legitimately differ between two correct backends and are ignored, at any depth: generated ids and
 * cursors (`orderId`, `id`, `nextCursor`), timestamps (`placedAt`, `updatedAt`, `createdAt`, `confirmedAt`,
 * `cancelledAt`, `time`, `timestamp`), and request-scoped ids (`correlationId`, `requestId`).
 */
export const VOLATILE_FIELDS: ReadonlySet<string> = new Set([
  'orderId',
  'id',
  'nextCursor',
  'placedAt',
  'updatedAt',
  'createdAt',
  'confirmedAt',
  'cancelledAt',
  'time',
  'timestamp',
  'correlationId',
  'requestId',
]);

export type Difference = Readonly<{ path: string; new: unknown; legacy: unknown }>;

const parse = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return body.toString('utf8');
  }
};

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const diff = (a: unknown, b: unknown, path: string, out: Difference[], limit: number) => {
  if (out.length >= limit) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push({ path: `${path}.length`, new: a.length, legacy: b.length });
    for (let i = 0; i < Math.min(a.length, b.length); i++) diff(a[i], b[i], `${path}[${i}]`, out, limit);
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (VOLATILE_FIELDS.has(key)) continue;
      diff(a[key], b[key], `${path}.${key}`, out, limit);
    }
    return;
  }
  if (!Object.is(a, b)) out.push({ path, new: a, legacy: b });
};

/** Status, then the JSON bodies field by field (volatile fields ignored); at most `limit` differences. */
export const compareResponses = (fresh: GatewayResponse, legacy: GatewayResponse, limit = 10): Difference[] => {
  const out: Difference[] = [];
  if (fresh.statusCode !== legacy.statusCode)
    out.push({ path: 'status', new: fresh.statusCode, legacy: legacy.statusCode });
  diff(parse(fresh.body), parse(legacy.body), '$', out, limit);
  return out;
};
