import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { Observability } from './observability.ts';

export type LogFields = Readonly<Record<string, unknown>>;

/**
 * What the wrapper needs to know about one kind of trigger: where the correlation id is, which fields describe
 * the request and its outcome, which metrics an outcome counts, and whether a thrown bug becomes an answer.
 */
export type Probe<E, R> = Readonly<{
  begin: (event: E) => Readonly<{ event: E; correlationId?: string; fields?: LogFields }>;
  end?: (result: R, metrics: Metrics) => LogFields;
  /** A bug escaped the handler: answer with this (an HTTP 500) instead of rethrowing, or return undefined. */
  fail?: (error: unknown, correlationId: string | undefined, metrics: Metrics) => R | undefined;
}>;

/** For triggers whose records carry their own correlation ids (SQS, EventBridge): set them per record. */
export const basicProbe = <E, R>(): Probe<E, R> => ({ begin: (event) => ({ event }) });

export type LambdaHandler<E, R> = (event: E, context?: Context) => Promise<R>;

const startSubsegment = (obs: Observability, name: string) => {
  if (!obs.tracer.isTracingEnabled()) return () => {};
  const parent = obs.tracer.getSegment();
  const segment = parent?.addNewSubsegment(`## ${name}`);
  if (!parent || !segment) return () => {};
  obs.tracer.setSegment(segment);
  obs.tracer.annotateColdStart();
  obs.tracer.addServiceNameAnnotation();
  return () => {
    segment.close();
    obs.tracer.setSegment(parent);
  };
};

/**
 * The one wrapper every entry uses, so handlers stay thin: per-invocation correlation id and Lambda context on
 * the logger, a cold-start flag, a subsegment, one summary line (what, outcome, latency, correlation id), and
 * the stored metrics flushed as EMF at the end.
 */
export const withObservability = <E, R>(
  name: string,
  handler: LambdaHandler<E, R>,
  { obs, probe = basicProbe<E, R>() }: Readonly<{ obs: Observability; probe?: Probe<E, R> }>,
): LambdaHandler<E, R> => {
  let coldStart = true;
  return async (event, context) => {
    const started = performance.now();
    const cold = coldStart;
    coldStart = false;
    const { logger, metrics } = obs;
    logger.resetKeys(); // the previous invocation's keys (correlation id included) must not leak into this one
    if (context) {
      logger.addContext(context);
      metrics.setFunctionName(context.functionName);
    }
    if (cold) metrics.captureColdStartMetric();
    const begun = probe.begin(event);
    if (begun.correlationId) logger.setCorrelationId(begun.correlationId);
    const endSubsegment = startSubsegment(obs, name);
    const summary = () => ({ handler: name, ...begun.fields, cold_start: cold });
    const latencyMs = () => Math.round((performance.now() - started) * 10) / 10;
    try {
      const result = await handler(begun.event, context);
      logger.info(name, { ...summary(), ...probe.end?.(result, metrics), latencyMs: latencyMs() });
      return result;
    } catch (error) {
      obs.tracer.addErrorAsMetadata(error as Error);
      const answer = probe.fail?.(error, begun.correlationId, metrics);
      logger.error(name, { ...summary(), latencyMs: latencyMs(), error: error as Error });
      if (answer === undefined) throw error;
      return answer;
    } finally {
      endSubsegment();
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
};
