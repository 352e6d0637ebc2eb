import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import type { OrderFlowMode } from '#infra/topology/names.ts';

/** Every route the HTTP API serves itself; anything else falls through `$default` to the legacy backend. */
export const routeKeys = [
  'POST /orders',
  'GET /orders/{id}',
  'GET /orders',
  'PUT /orders/{id}',
  'POST /orders/{id}/cancel',
  'POST /orders/{id}/approval',
  'GET /products',
] as const;
export type RouteKey = (typeof routeKeys)[number];

/** Strangler fig: who serves a route. `new` = its own function, `legacy` = HTTP proxy to the old backend. */
export type Backend = 'legacy' | 'new';
export type RouteTable = Readonly<Record<RouteKey, Backend>>;

/**
 * The route table as deployed today. Migrating or rolling back a route is a change here (or the context key
 * `orderly:routes`, e.g. `-c 'orderly:routes={"GET /products":"legacy"}'`), never a code change.
 */
export const defaultRouteTable: RouteTable = {
  'POST /orders': 'new',
  'GET /orders/{id}': 'new',
  'GET /orders': 'new',
  'PUT /orders/{id}': 'new',
  'POST /orders/{id}/cancel': 'new',
  'POST /orders/{id}/approval': 'new',
  'GET /products': 'new',
};

export type OrderlyConfig = Readonly<{
  /** ORDER_FLOW modes whose rules are deployed; the first one is what the functions are told (ORDER_FLOW). */
  flows: readonly OrderFlowMode[];
  routes: RouteTable;
  legacyBaseUrl: string;
  /** Where `npm run bundle` writes `<function name>/index.mjs`. */
  assetRoot: string;
  /** Missing bundles fail the synth (true), or become stubs that throw when invoked (false, with a warning). */
  requireBundles: boolean;
  throttle: Readonly<{ rateLimit: number; burstLimit: number }>;
  authorizerCacheSeconds: number;
  corsOrigins: readonly string[];
  jwt: Readonly<{ issuer: string; audience: string; jwksUrl: string }>;
  logRetentionDays: number;
  archiveRetentionDays: number;
  alarms: Readonly<{ errorRatePercent: number; latencyP95Ms: number; latencyP99Ms: number; email?: string }>;
}>;

export const defaultConfig: OrderlyConfig = {
  flows: ['orchestration'],
  routes: defaultRouteTable,
  legacyBaseUrl: 'https://legacy.orderly.example.com',
  assetRoot: 'dist/lambda',
  requireBundles: false,
  throttle: { rateLimit: 100, burstLimit: 200 },
  authorizerCacheSeconds: 300,
  corsOrigins: ['https://app.orderly.example.com'],
  jwt: {
    issuer: 'https://auth.orderly.example.com/',
    audience: 'orderly-api',
    jwksUrl: 'https://auth.orderly.example.com/.well-known/jwks.json',
  },
  logRetentionDays: 30,
  archiveRetentionDays: 30,
  alarms: { errorRatePercent: 5, latencyP95Ms: 1000, latencyP99Ms: 3000 },
};

/** Context keys (cdk.json `context`, or `-c key=value` on `npm run synth -- -c ...`); JSON values may be strings. */
export const contextKeys = {
  flow: 'orderly:flow',
  routes: 'orderly:routes',
  legacyUrl: 'orderly:legacyUrl',
  assetRoot: 'orderly:assetRoot',
  requireBundles: 'orderly:requireBundles',
  alarmEmail: 'orderly:alarmEmail',
} as const;

// Values from `-c` arrive as strings; cdk.json gives JSON. Both are accepted.
const jsonOrValue = (v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

const Flow = z.enum(['orchestration', 'choreography', 'both']);
const Overrides = z.object({
  flow: Flow.optional(),
  routes: z.partialRecord(z.enum(routeKeys), z.enum(['legacy', 'new'])).optional(),
  legacyUrl: z.url({ protocol: /^https?$/ }).optional(),
  assetRoot: z.string().min(1).optional(),
  requireBundles: z.boolean().optional(),
  alarmEmail: z.email().optional(),
});

export type ConfigError = Readonly<{ kind: 'InvalidConfiguration'; issues: readonly string[] }>;

/** The defaults with the context's overrides applied; every bad key is reported, none is ignored. */
export const resolveConfig = (
  context: (key: string) => unknown,
  base: OrderlyConfig = defaultConfig,
): Result<OrderlyConfig, ConfigError> => {
  const raw = Object.fromEntries(
    Object.entries(contextKeys).map(([field, key]) => {
      const v = context(key);
      return [field, field === 'routes' || field === 'requireBundles' ? jsonOrValue(v) : v];
    }),
  );
  // zod's records skip a `__proto__` key (prototype pollution guard); a route table must not skip anything.
  const unknownRoutes =
    typeof raw.routes === 'object' && raw.routes !== null
      ? Object.keys(raw.routes).filter((k) => !(routeKeys as readonly string[]).includes(k))
      : [];
  const parsed = Overrides.safeParse(raw);
  if (!parsed.success || unknownRoutes.length > 0) {
    const issues = (parsed.error?.issues ?? []).map((i) => {
      const field = String(i.path[0] ?? '');
      const key = contextKeys[field as keyof typeof contextKeys] ?? field;
      return `${[key, ...i.path.slice(1).map(String)].join('.')}: ${i.message}`;
    });
    const unknown = unknownRoutes.map((k) => `${contextKeys.routes}.${k}: not a route (${routeKeys.join(', ')})`);
    return err({ kind: 'InvalidConfiguration', issues: [...new Set([...issues, ...unknown])] });
  }
  const o = parsed.data;
  const flows: readonly OrderFlowMode[] =
    o.flow === 'both' ? ['orchestration', 'choreography'] : o.flow ? [o.flow] : base.flows;
  return ok({
    ...base,
    flows,
    routes: { ...base.routes, ...o.routes },
    legacyBaseUrl: (o.legacyUrl ?? base.legacyBaseUrl).replace(/\/+$/, ''),
    assetRoot: o.assetRoot ?? base.assetRoot,
    requireBundles: o.requireBundles ?? base.requireBundles,
    alarms: { ...base.alarms, ...(o.alarmEmail !== undefined && { email: o.alarmEmail }) },
  });
};
