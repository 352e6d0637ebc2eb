import { z } from 'zod';
import { CommonEnv, text, wholeNumber } from './env.ts';

// Apart from env.ts so that only the authorizer builds these schemas at its cold start, not every function.

/** The authorizer: a remote JWKS in AWS, or an inline key set (local runtime, bundle tests). */
export const AuthorizerEnv = CommonEnv.extend({
  JWT_ISSUER: text,
  JWT_AUDIENCE: text,
  JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  JWKS: z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON Web Key Set' });
        return z.NEVER;
      }
    })
    .pipe(z.object({ keys: z.array(z.looseObject({ kty: z.string() })).min(1) }))
    .optional(),
  JWT_CLOCK_TOLERANCE_SECONDS: wholeNumber(5),
}).refine((env) => Boolean(env.JWKS_URL) !== Boolean(env.JWKS), {
  message: 'set exactly one of JWKS_URL and JWKS',
  path: ['JWKS_URL'],
});
export type AuthorizerEnv = z.output<typeof AuthorizerEnv>;
