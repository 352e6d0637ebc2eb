import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { correlationIdOf } from '../http/request.ts';
import type { Probe } from '../observability/with-observability.ts';
import type { AuthorizerResponse } from './authorizer.ts';

/** The authorizer's summary line: route and verdict, never the token. */
export const authorizerProbe = (): Probe<APIGatewayRequestAuthorizerEventV2, AuthorizerResponse> => ({
  begin: (event) => {
    const correlationId = correlationIdOf({ headers: event.headers ?? {} });
    return {
      event,
      ...(correlationId && { correlationId }),
      fields: { route: event.routeKey, requestId: event.requestContext?.requestId },
    };
  },
  end: (response) => ({ authorized: response.isAuthorized }),
});
