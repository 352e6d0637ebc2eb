import { err, ok, type Result } from 'neverthrow';

export type EventSourceMappingError = { kind: 'InvalidParameterValueException'; message: string };

type Settings = { batchSize?: number; maximumBatchingWindowSeconds?: number; maximumConcurrency?: number };

const invalid = (message: string): Result<never, EventSourceMappingError> =>
  err({ kind: 'InvalidParameterValueException', message });
const intIn = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

/** CreateEventSourceMapping's rules for an SQS source. */
export const validateSettings = (
  o: Settings,
): Result<{ batchSize: number; windowSeconds: number }, EventSourceMappingError> => {
  const batchSize = o.batchSize ?? 10;
  const windowSeconds = o.maximumBatchingWindowSeconds ?? 0;
  if (!intIn(batchSize, 1, 10_000)) return invalid('BatchSize must be 1-10000.');
  if (!intIn(windowSeconds, 0, 300)) return invalid('MaximumBatchingWindowInSeconds must be 0-300.');
  if (batchSize > 10 && windowSeconds < 1)
    return invalid('MaximumBatchingWindowInSeconds must be at least 1 when BatchSize is greater than 10.');
  if (o.maximumConcurrency !== undefined && !intIn(o.maximumConcurrency, 2, 1000))
    return invalid('ScalingConfig.MaximumConcurrency must be 2-1000.');
  return ok({ batchSize, windowSeconds });
};
