import type { Container, ContainerModule } from 'inversify';
import { httpProbe } from '#adapters/lambda/http/http-probe.ts';
import type { HttpEvent } from '#adapters/lambda/http/request.ts';
import type { HttpResponse } from '#adapters/lambda/http/responses.ts';
import type { HttpHandler } from '#adapters/lambda/http/route.ts';
import { type LambdaHandler, withObservability } from '#adapters/lambda/observability/with-observability.ts';
import { createLambdaRuntime } from '../runtime.ts';

/** One HTTP function: runtime built at import (once per cold start) with its use case, the route, observed. */
export const httpEntry = (
  name: string,
  useCase: ContainerModule,
  build: (container: Container) => HttpHandler,
): LambdaHandler<HttpEvent, HttpResponse> => {
  const { obs, container } = createLambdaRuntime([useCase]);
  return withObservability(name, build(container), { obs, probe: httpProbe() });
};
