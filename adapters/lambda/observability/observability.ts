import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { METRIC_NAMESPACE } from './metric-names.ts';

export type Observability = Readonly<{
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
  /** Hook for the AWS module: wraps an SDK v3 client so each call becomes an X-Ray subsegment. */
  traceClient: <T>(client: T) => T;
}>;

export type ObservabilityOptions = Readonly<{
  serviceName: string;
  namespace?: string;
  logLevel?: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'CRITICAL' | 'SILENT';
}>;

/**
 * Logger (JSON), Metrics (EMF, namespace Orderly, dimension `service`) and Tracer, built once per cold start
 * by the entry. Outside Lambda the tracer is a no-op and EMF lines simply go to stdout.
 */
export const createObservability = ({
  serviceName,
  namespace = METRIC_NAMESPACE,
  logLevel,
}: ObservabilityOptions): Observability => {
  const tracer = new Tracer({ serviceName });
  return {
    logger: new Logger({ serviceName, ...(logLevel && { logLevel }) }),
    metrics: new Metrics({ namespace, serviceName }),
    tracer,
    traceClient: (client) => tracer.captureAWSv3Client(client),
  };
};
