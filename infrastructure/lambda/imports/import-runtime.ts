import { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { createObservability, type Observability } from '#adapters/lambda/observability/observability.ts';
import { createMemoryObjectStore } from '#adapters/memory/object-store.memory.ts';
import { createS3ObjectStore } from '#adapters/s3/object-store.s3.ts';
import type { ObjectStore } from '#app/ports/object-store.ts';
import { PortsEnv, parseEnv } from '../../config/env.ts';

/** What the import functions need besides the common settings; each function checks what it uses at init. */
export const ImportsEnv = z.object({
  IMPORTS_BUCKET: z.string().min(3).optional(),
  IMPORT_CHUNKS_QUEUE_URL: z.url().optional(),
  IMPORT_CHUNK_STATE_MACHINE_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/, 'must be a state machine ARN')
    .optional(),
  IMPORT_CHUNK_SIZE: z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(1_000))
    .optional(),
});
export type ImportsEnv = z.output<typeof ImportsEnv>;

export type ImportRuntime = Readonly<{ env: PortsEnv; imports: ImportsEnv; obs: Observability; objects: ObjectStore }>;

/** A function deployed without what it uses is a broken deployment: say so at init, not on the first record. */
export const required = (value: string | undefined, name: string): string => {
  if (!value) throw new Error(`${name} is required by this function`);
  return value;
};

/**
 * What the splitter and the chunk processor share, built once per cold start: settings, Powertools and the imports
 * bucket. No container: neither function uses an order use case, and leaving the container's AWS module out (each
 * entry adds only the clients it calls) keeps the bundles under the size budget with the S3 client in.
 * ORDERLY_PORTS=memory gives memory stand-ins, a store per cold start: bundle tests only.
 */
export const createImportRuntime = (
  source: Readonly<Record<string, string | undefined>> = process.env,
): ImportRuntime => {
  const env = parseEnv(PortsEnv, source);
  const imports = parseEnv(ImportsEnv, source);
  const obs = createObservability({
    serviceName: env.POWERTOOLS_SERVICE_NAME,
    ...(env.POWERTOOLS_LOG_LEVEL && { logLevel: env.POWERTOOLS_LOG_LEVEL }),
  });
  const objects =
    env.ORDERLY_PORTS === 'memory'
      ? createMemoryObjectStore()
      : createS3ObjectStore({
          client: obs.traceClient(new S3Client({})),
          bucket: required(imports.IMPORTS_BUCKET, 'IMPORTS_BUCKET'),
        });
  return { env, imports, obs, objects };
};
