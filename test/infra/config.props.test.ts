import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  type Backend,
  contextKeys,
  defaultConfig,
  type OrderlyConfig,
  type RouteKey,
  resolveConfig,
  routeKeys,
} from '#infra/cdk/config.ts';

const contextOf =
  (values: Record<string, unknown>) =>
  (key: string): unknown =>
    values[key];

const routeOverrides = fc.dictionary(
  fc.constantFrom(...routeKeys),
  fc.constantFrom<Backend>('legacy', 'new'),
) as fc.Arbitrary<Partial<Record<RouteKey, Backend>>>;

const flip = (b: Backend): Backend => (b === 'new' ? 'legacy' : 'new');

describe('route table from context', () => {
  test('no context: the defaults', () => {
    expect(resolveConfig(contextOf({}))._unsafeUnwrap()).toStrictEqual(defaultConfig);
  });

  test.prop([routeOverrides, fc.boolean()])(
    'an override sets exactly the routes it names, given as JSON text (-c) or as an object (cdk.json)',
    (overrides, asText) => {
      const routes = asText ? JSON.stringify(overrides) : overrides;
      const config = resolveConfig(contextOf({ [contextKeys.routes]: routes }))._unsafeUnwrap();
      for (const key of routeKeys) expect(config.routes[key]).toBe(overrides[key] ?? defaultConfig.routes[key]);
    },
  );

  test.prop([routeOverrides])('moving routes and moving them back restores the table (rollback is config)', (moves) => {
    const base = resolveConfig(contextOf({ [contextKeys.routes]: moves }))._unsafeUnwrap();
    const flipped = Object.fromEntries(routeKeys.map((k) => [k, flip(base.routes[k])]));
    const moved = resolveConfig(contextOf({ [contextKeys.routes]: flipped }), base)._unsafeUnwrap();
    for (const k of routeKeys) expect(moved.routes[k]).not.toBe(base.routes[k]);
    const back = Object.fromEntries(routeKeys.map((k) => [k, base.routes[k]]));
    expect(resolveConfig(contextOf({ [contextKeys.routes]: back }), moved)._unsafeUnwrap().routes).toStrictEqual(
      base.routes,
    );
  });

  const unknownKey = fc
    .oneof(fc.constantFrom('__proto__', 'constructor', 'GET /orders/', 'get /orders'), fc.string())
    .filter((k) => !(routeKeys as readonly string[]).includes(k));
  test.prop([unknownKey, fc.constantFrom('new', 'legacy')])(
    'an unknown route key is an error naming the context key, never silently ignored',
    (key, backend) => {
      const result = resolveConfig(contextOf({ [contextKeys.routes]: { [key]: backend } }));
      expect(result.isErr()).toBe(true);
      expect(result._unsafeUnwrapErr().issues.join()).toContain(contextKeys.routes);
    },
  );

  test.prop([fc.constantFrom(...routeKeys), fc.string().filter((b) => b !== 'new' && b !== 'legacy')])(
    'a backend other than new or legacy is an error',
    (key, backend) => {
      expect(resolveConfig(contextOf({ [contextKeys.routes]: { [key]: backend } })).isErr()).toBe(true);
    },
  );
});

describe('other settings from context', () => {
  test.each([
    ['orchestration', ['orchestration']],
    ['choreography', ['choreography']],
    ['both', ['orchestration', 'choreography']],
  ] as const)('flow %s deploys the rules of %j', (flow, flows) => {
    expect(resolveConfig(contextOf({ [contextKeys.flow]: flow }))._unsafeUnwrap().flows).toStrictEqual(flows);
  });

  test.each([
    [contextKeys.flow, 'sideways'],
    [contextKeys.legacyUrl, 'not a url'],
    [contextKeys.legacyUrl, 'ftp://legacy.example.com'],
    [contextKeys.alarmEmail, 'nobody'],
    [contextKeys.requireBundles, 'yes'],
    [contextKeys.routes, '{not json'],
  ])('%s = %j is rejected with the key in the message', (key, value) => {
    const result = resolveConfig(contextOf({ [key]: value }));
    expect(result._unsafeUnwrapErr().issues.join()).toContain(key);
  });

  test('strings from -c are parsed where JSON is expected; the legacy URL loses its trailing slash', () => {
    const config: OrderlyConfig = resolveConfig(
      contextOf({
        [contextKeys.requireBundles]: 'true',
        [contextKeys.legacyUrl]: 'https://old.example.com//',
        [contextKeys.alarmEmail]: 'ops@example.com',
      }),
    )._unsafeUnwrap();
    expect(config.requireBundles).toBe(true);
    expect(config.legacyBaseUrl).toBe('https://old.example.com');
    expect(config.alarms.email).toBe('ops@example.com');
  });
});
