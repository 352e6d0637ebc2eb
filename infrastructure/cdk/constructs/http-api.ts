import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  HttpEventBridgeIntegration,
  HttpLambdaIntegration,
  HttpUrlIntegration,
} from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import type { OrderlyConfig, RouteKey } from '../config.ts';
import { type HttpRouteSpec, httpFunctionName, pascal } from '../functions.ts';

export type HttpApiProps = Readonly<{
  config: OrderlyConfig;
  routes: readonly HttpRouteSpec[];
  functionOf: (name: string) => lambda.IFunction;
  authorizerFn: lambda.IFunction;
  bus: events.EventBus;
  logRetention: logs.RetentionDays;
}>;

/** The route that goes straight to EventBridge (no Lambda): fixed source and type, so callers cannot forge others. */
export const FEEDBACK_ROUTE = { path: '/events/feedback', source: 'orderly.feedback', detailType: 'FeedbackSubmitted' };

const splitKey = (key: RouteKey) => {
  const [method, path] = key.split(' ') as [keyof typeof apigw.HttpMethod, string];
  return { method: apigw.HttpMethod[method], path };
};

/**
 * HTTP API v2 as a strangler fig: `$default` proxies to the legacy backend, each route in the route table goes
 * to its own function (`new`) or to the same path on the legacy backend (`legacy`). The stage throttles, logs
 * every request and writes per-route metrics (the latency alarms need them).
 */
export class OrderlyHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly routes: ReadonlyMap<RouteKey, apigw.HttpRoute>;
  /** `$default` and the public routes: the ones cdk-nag's APIG4 has to be told about. */
  readonly unauthenticatedRoutes: readonly IConstruct[];

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const { config } = props;
    const legacy = (integrationId: string, path: string, method?: apigw.HttpMethod) =>
      new HttpUrlIntegration(integrationId, `${config.legacyBaseUrl}${path}`, method ? { method } : {});

    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Orderly HTTP API (strangler fig over the legacy backend)',
      createDefaultStage: false,
      defaultIntegration: new HttpUrlIntegration('LegacyDefault', config.legacyBaseUrl, {
        // $default has no path variables: forward the caller's path as is.
        parameterMapping: new apigw.ParameterMapping().overwritePath(apigw.MappingValue.requestPath()),
      }),
      corsPreflight: {
        allowOrigins: [...config.corsOrigins],
        allowMethods: [
          apigw.CorsHttpMethod.GET,
          apigw.CorsHttpMethod.POST,
          apigw.CorsHttpMethod.PUT,
          apigw.CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id'],
        exposeHeaders: ['x-correlation-id'],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: config.throttle,
      detailedMetricsEnabled: true,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    const authorizer = new HttpLambdaAuthorizer('TokenAuthorizer', props.authorizerFn, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization'],
      resultsCacheTtl: Duration.seconds(config.authorizerCacheSeconds),
    });

    const routes = new Map<RouteKey, apigw.HttpRoute>();
    for (const spec of props.routes) {
      const { method, path } = splitKey(spec.key);
      const name = httpFunctionName(spec);
      const id = pascal(name);
      const integration =
        config.routes[spec.key] === 'new'
          ? new HttpLambdaIntegration(`${id}Integration`, props.functionOf(name))
          : legacy(`${id}Legacy`, path, method);
      routes.set(
        spec.key,
        new apigw.HttpRoute(this, `${id}Route`, {
          httpApi: this.api,
          routeKey: apigw.HttpRouteKey.with(path, method),
          integration,
          ...(spec.auth === 'token' && { authorizer }),
        }),
      );
    }

    // A direct service integration: the request body becomes the Detail of one fixed event type.
    new apigw.HttpRoute(this, 'FeedbackRoute', {
      httpApi: this.api,
      routeKey: apigw.HttpRouteKey.with(FEEDBACK_ROUTE.path, apigw.HttpMethod.POST),
      authorizer,
      integration: new HttpEventBridgeIntegration('FeedbackToBus', {
        eventBusRef: props.bus.eventBusRef,
        parameterMapping: new apigw.ParameterMapping()
          .custom('Source', FEEDBACK_ROUTE.source)
          .custom('DetailType', FEEDBACK_ROUTE.detailType)
          .custom('Detail', '$request.body')
          .custom('EventBusName', props.bus.eventBusName),
      }),
    });
    this.routes = routes;
    const defaultRoute = this.api.node.tryFindChild('DefaultRoute');
    this.unauthenticatedRoutes = [
      ...(defaultRoute ? [defaultRoute] : []),
      ...props.routes.filter((r) => r.auth === 'public').flatMap((r) => routes.get(r.key) ?? []),
    ];
  }
}
