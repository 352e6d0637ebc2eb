import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RouteKey, routeKeys } from '#infra/cdk/config.ts';
import { FEEDBACK_ROUTE } from '#infra/cdk/constructs/http-api.ts';
import { AUTHORIZER, httpFunctionName, httpRoutes } from '#infra/cdk/functions.ts';
import { routeSpecs } from '#infra/local/gateway/routes.ts';
import { getAtt, type Props, type Synth, synthOrderly } from './synth-fixture.ts';

let s: Synth;
beforeAll(() => {
  s = synthOrderly();
});
afterAll(() => s?.cleanup());

type Wiring = Readonly<{ route: Props; integration: Props }>;

/** Route key → the route and the integration its Target points at. */
const wiring = (synth: Synth): Map<string, Wiring> => {
  const integrations = new Map(synth.resources('AWS::ApiGatewayV2::Integration'));
  return new Map(
    synth.resources('AWS::ApiGatewayV2::Route').map(([, route]) => {
      const target = JSON.stringify(route.Target);
      const id = [...integrations.keys()].find((i) => target.includes(`"${i}"`)) as string;
      return [route.RouteKey as string, { route, integration: integrations.get(id) as Props }];
    }),
  );
};

describe('routes', () => {
  test('the route table, the local gateway and the stack list the same routes with the same auth', () => {
    const local = routeSpecs.map((r) => `${r.key} ${r.auth}`).sort();
    expect(httpRoutes.map((r) => `${r.key} ${r.auth}`).sort()).toStrictEqual(local);
    expect(httpRoutes.map((r) => r.key).sort()).toStrictEqual([...routeKeys].sort());
  });

  test.each(httpRoutes.map((r) => [r.key, r] as const))('%s → its own function', (key, spec) => {
    const w = wiring(s).get(key);
    expect(w, key).toBeDefined();
    const { route, integration } = w as Wiring;
    expect(integration).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: getAtt(s.fnId(httpFunctionName(spec))),
      PayloadFormatVersion: '2.0',
    });
    expect(route.AuthorizationType).toBe(spec.auth === 'token' ? 'CUSTOM' : 'NONE');
  });

  test('no two routes share a function', () => {
    const uris = httpRoutes.map((r) => JSON.stringify(wiring(s).get(r.key)?.integration.IntegrationUri));
    expect(new Set(uris).size).toBe(httpRoutes.length);
  });

  test('$default proxies everything else to the legacy backend, path included', () => {
    expect(wiring(s).get('$default')?.integration).toMatchObject({
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: s.config.legacyBaseUrl,
      RequestParameters: { 'overwrite:path': '$request.path' },
    });
  });

  test('POST /events/feedback goes straight to EventBridge PutEvents with a role, no Lambda', () => {
    const { route, integration } = wiring(s).get(`POST ${FEEDBACK_ROUTE.path}`) as Wiring;
    expect(route.AuthorizationType).toBe('CUSTOM');
    expect(integration).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationSubtype: 'EventBridge-PutEvents',
      RequestParameters: {
        Source: FEEDBACK_ROUTE.source,
        DetailType: FEEDBACK_ROUTE.detailType,
        Detail: '$request.body',
        EventBusName: { Ref: s.idOf(s.stack.node.findChild('Bus')) },
      },
    });
    const roleId = (integration.CredentialsArn as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    const policy = s.resources('AWS::IAM::Policy').find(([, p]) => JSON.stringify(p.Roles).includes(roleId));
    expect(policy, 'the integration role has a policy').toBeDefined();
    expect(((policy as [string, Props])[1].PolicyDocument as { Statement: Props[] }).Statement).toStrictEqual([
      expect.objectContaining({ Action: 'events:PutEvents', Resource: getAtt(s.idOf(s.stack.node.findChild('Bus'))) }),
    ]);
  });
});

describe('authorizer, stage, CORS', () => {
  test('a Lambda REQUEST authorizer with simple responses, the Authorization header and a result cache', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: '2.0',
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerResultTtlInSeconds: s.config.authorizerCacheSeconds,
    });
    const [, authorizer] = s.resources('AWS::ApiGatewayV2::Authorizer')[0] as [string, Props];
    expect(JSON.stringify(authorizer.AuthorizerUri)).toContain(s.fnId(AUTHORIZER));
  });

  test('the stage throttles, writes per-route metrics and access logs', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: s.config.throttle.rateLimit,
        ThrottlingBurstLimit: s.config.throttle.burstLimit,
        DetailedMetricsEnabled: true,
      },
    });
    const [, stage] = s.resources('AWS::ApiGatewayV2::Stage')[0] as [string, Props];
    expect(JSON.parse((stage.AccessLogSettings as { Format: string }).Format)).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
    });
  });

  test('CORS allows the configured origins and the headers the API reads', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: [...s.config.corsOrigins],
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id'],
      },
    });
  });
});

describe('strangler fig: the route table moves a route without code changes', () => {
  // Two routes rolled back in one synth (each synth costs seconds); a trailing slash in the URL is tolerated.
  const moved: RouteKey = 'GET /products';
  const withId: RouteKey = 'GET /orders/{id}';
  let rolledBack: Synth;
  beforeAll(() => {
    rolledBack = synthOrderly({
      'orderly:routes': JSON.stringify({ [moved]: 'legacy', [withId]: 'legacy' }),
      'orderly:legacyUrl': 'https://old.example.com/',
    });
  });
  afterAll(() => rolledBack?.cleanup());

  test('rolling back: the route proxies to the same path on the legacy backend, the others stay', () => {
    expect(wiring(rolledBack).get(moved)?.integration).toMatchObject({
      IntegrationType: 'HTTP_PROXY',
      IntegrationMethod: 'GET',
      IntegrationUri: 'https://old.example.com/products',
    });
    for (const r of httpRoutes.filter((x) => x.key !== moved && x.key !== withId)) {
      expect(wiring(rolledBack).get(r.key)?.integration.IntegrationType, r.key).toBe('AWS_PROXY');
    }
    expect(wiring(rolledBack).get('$default')?.integration.IntegrationUri).toBe('https://old.example.com');
  });

  test('a path variable survives the trip to legacy', () => {
    expect(wiring(rolledBack).get(withId)?.integration).toMatchObject({
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: 'https://old.example.com/orders/{id}',
    });
  });

  test('migrated (the default table): the same routes are on their functions', () => {
    expect(s.config.routes[moved]).toBe('new');
    for (const key of [moved, withId]) {
      const spec = httpRoutes.find((r) => r.key === key) as (typeof httpRoutes)[number];
      expect(wiring(s).get(key)?.integration).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: getAtt(s.fnId(httpFunctionName(spec))),
      });
    }
  });

  test('a legacy route keeps its authorizer: moving it does not change who may call it', () => {
    expect(wiring(rolledBack).get(withId)?.route.AuthorizationType).toBe('CUSTOM');
  });
});
