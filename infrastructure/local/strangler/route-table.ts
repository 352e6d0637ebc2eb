import { readFileSync } from 'node:fs';
import { err, ok, type Result } from 'neverthrow';
import { z } from 'zod';
import { defaultRouteTable } from '../../cdk/config.ts';

/**
 * Who serves a route locally: the CDK's `new`/`legacy` (same keys, same JSON shape as the `orderly:routes`
 * context value) plus `shadow`, a local-only step before moving a route: the new handler answers and the legacy
 * backend gets the same request, so their answers can be compared without affecting the client.
 */
export const Backend = z.enum(['new', 'legacy', 'shadow']);
export type Backend = z.infer<typeof Backend>;

const RouteKey = z.string().regex(/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S*$/, 'must be "METHOD /path"');
const Routes = z.record(RouteKey, Backend);
const ConfigFile = z.strictObject({ routes: Routes.optional(), legacyUrl: z.url().optional() });

export type StranglerConfig = Readonly<{
  routes: Readonly<Record<string, Backend>>;
  /** Where `legacy`, `shadow` and unknown routes (`$default`) go; without it unknown routes are 404. */
  legacyUrl?: string;
}>;

export type StranglerConfigError = Readonly<{ kind: 'InvalidStranglerConfig'; issues: readonly string[] }>;

const issues = (where: string, e: z.ZodError) =>
  e.issues.map((i) => `${where}${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`);

const json = (where: string, text: string): Result<unknown, StranglerConfigError> => {
  try {
    return ok(JSON.parse(text));
  } catch (e) {
    return err({ kind: 'InvalidStranglerConfig', issues: [`${where}: ${(e as Error).message}`] });
  }
};

/**
 * The route table from the environment: the CDK's deployed table, then the file `STRANGLER_CONFIG`
 * (`{ "routes": {...}, "legacyUrl": "..." }`), then `STRANGLER_ROUTES` (a routes object) and `LEGACY_URL` on top.
 * Moving a route between legacy and new, or rolling it back, is one of these values: never code.
 */
export const stranglerConfigFrom = (
  env: Readonly<Record<string, string | undefined>>,
  read: (file: string) => string = (f) => readFileSync(f, 'utf8'),
): Result<StranglerConfig, StranglerConfigError> => {
  let routes: Record<string, Backend> = { ...defaultRouteTable };
  let legacyUrl: string | undefined;
  if (env.STRANGLER_CONFIG) {
    let text: string;
    try {
      text = read(env.STRANGLER_CONFIG);
    } catch (e) {
      return err({ kind: 'InvalidStranglerConfig', issues: [`STRANGLER_CONFIG: ${(e as Error).message}`] });
    }
    const raw = json('STRANGLER_CONFIG', text);
    if (raw.isErr()) return err(raw.error);
    const file = ConfigFile.safeParse(raw.value);
    if (!file.success) return err({ kind: 'InvalidStranglerConfig', issues: issues('STRANGLER_CONFIG', file.error) });
    routes = { ...routes, ...file.data.routes };
    legacyUrl = file.data.legacyUrl;
  }
  if (env.STRANGLER_ROUTES) {
    const raw = json('STRANGLER_ROUTES', env.STRANGLER_ROUTES);
    if (raw.isErr()) return err(raw.error);
    const parsed = Routes.safeParse(raw.value);
    if (!parsed.success)
      return err({ kind: 'InvalidStranglerConfig', issues: issues('STRANGLER_ROUTES', parsed.error) });
    routes = { ...routes, ...parsed.data };
  }
  if (env.LEGACY_URL) {
    const parsed = z.url().safeParse(env.LEGACY_URL);
    if (!parsed.success) return err({ kind: 'InvalidStranglerConfig', issues: issues('LEGACY_URL', parsed.error) });
    legacyUrl = parsed.data;
  }
  const needy = Object.entries(routes).filter(([, b]) => b !== 'new');
  if (needy.length > 0 && !legacyUrl) {
    return err({
      kind: 'InvalidStranglerConfig',
      issues: needy.map(([key, b]) => `${key}: "${b}" needs LEGACY_URL`),
    });
  }
  return ok({ routes, ...(legacyUrl && { legacyUrl: legacyUrl.replace(/\/+$/, '') }) });
};
