import type { JSONWebKeySet } from 'jose';
import { httpAuthorizer } from '#adapters/lambda/auth/authorizer.ts';
import { authorizerProbe } from '#adapters/lambda/auth/authorizer-probe.ts';
import { createTokenVerifier, keySetFrom } from '#adapters/lambda/auth/verify-token.ts';
import { createObservability } from '#adapters/lambda/observability/observability.ts';
import { withObservability } from '#adapters/lambda/observability/with-observability.ts';
import { AuthorizerEnv } from '../../config/authorizer-env.ts';
import { parseEnv } from '../../config/env.ts';

const env = parseEnv(AuthorizerEnv);
const obs = createObservability({
  serviceName: env.POWERTOOLS_SERVICE_NAME,
  ...(env.POWERTOOLS_LOG_LEVEL && { logLevel: env.POWERTOOLS_LOG_LEVEL }),
});

// Built once per cold start: the remote key set caches the JWKS across invocations of this environment.
const verify = createTokenVerifier({
  // zod checked the set's shape; jose checks each key when it imports it.
  keys: keySetFrom(env.JWKS ? { jwks: env.JWKS as JSONWebKeySet } : { url: env.JWKS_URL ?? '' }),
  issuer: env.JWT_ISSUER,
  audience: env.JWT_AUDIENCE,
  clockToleranceSeconds: env.JWT_CLOCK_TOLERANCE_SECONDS,
});

// The verdict's reason joins the one summary line of this invocation (keys are reset per invocation).
const onDenied = (reason: string) => obs.logger.appendKeys({ deniedBecause: reason });

export const handler = withObservability('authorizer', httpAuthorizer(verify, onDenied), {
  obs,
  probe: authorizerProbe(),
});
