import { z } from 'zod';
import { DEFAULT_APPROVAL_THRESHOLD, DEFAULT_CURRENCY } from './seed.ts';

/**
 * process.env, parsed once per cold start. A failure is a bug in the deployment's configuration: it throws at
 * init with every problem listed, instead of surfacing as a strange error on some later request.
 */

export const text = z.string().trim().min(1);
export const wholeNumber = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .optional()
    .transform((n) => n ?? fallback);

const LogLevel = z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT']);

/** Every function: who it is in logs and metrics, and the business settings the use cases need. */
export const CommonEnv = z.object({
  POWERTOOLS_SERVICE_NAME: text.default('orderly'),
  POWERTOOLS_LOG_LEVEL: LogLevel.optional(),
  ORDER_FLOW: z.enum(['orchestration', 'choreography']).default('orchestration'),
  APPROVAL_THRESHOLD: wholeNumber(DEFAULT_APPROVAL_THRESHOLD),
  CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')
    .default(DEFAULT_CURRENCY),
});

/** The AWS resources the adapters talk to. */
export const AwsResourcesEnv = z.object({
  TABLE_NAME: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name'),
  EVENT_BUS_NAME: text,
  // Optional on purpose: the saga's task functions must not reference the state machine that references them
  // (a CloudFormation cycle). Only the functions that start executions get it, and the AWS module checks there.
  STATE_MACHINE_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/, 'must be a state machine ARN')
    .optional(),
});

/**
 * Which adapters fill the ports. `aws` in Lambda; `memory` runs a bundle with no AWS at all (bundle tests, the
 * cold-start bench). Unset means aws.
 */
export const PortsEnv = z.discriminatedUnion('ORDERLY_PORTS', [
  CommonEnv.extend({ ORDERLY_PORTS: z.literal('memory') }),
  CommonEnv.extend({ ORDERLY_PORTS: z.literal('aws'), ...AwsResourcesEnv.shape }),
]);
export type PortsEnv = z.output<typeof PortsEnv>;
export type AwsPortsEnv = Extract<PortsEnv, { ORDERLY_PORTS: 'aws' }>;

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

type Source = Readonly<Record<string, string | undefined>>;

/** Parses `source` (process.env by default) or throws one readable error naming every bad variable. */
export const parseEnv = <S extends z.ZodType>(schema: S, source: Source = process.env): z.output<S> => {
  const withDefaults = { ...source, ORDERLY_PORTS: source.ORDERLY_PORTS || 'aws' };
  const parsed = schema.safeParse(withDefaults);
  if (parsed.success) return parsed.data;
  // Names and rules only, never values: some variables may hold secrets.
  const lines = parsed.error.issues.map((i) => `  - ${i.path.map(String).join('.') || '(environment)'}: ${i.message}`);
  throw new ConfigurationError(`Invalid environment configuration:\n${lines.join('\n')}`);
};
