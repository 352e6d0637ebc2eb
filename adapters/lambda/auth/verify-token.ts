import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { z } from 'zod';
import type { Actor } from '#app/context.ts';
import type { Unavailable } from '#app/errors.ts';

/** Asymmetric only: `none` and the HMAC family (where a public key could be abused as a secret) never verify. */
export const ALLOWED_ALGORITHMS = ['RS256', 'ES256'] as const;

export type InvalidToken = Readonly<{ kind: 'InvalidToken'; reason: string }>;
export type TokenFailure = InvalidToken | Unavailable;
export type TokenVerifier = (token: string) => ResultAsync<Actor, TokenFailure>;

export type TokenVerifierOptions = Readonly<{
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Seconds of clock skew tolerated on exp / nbf / iat. */
  clockToleranceSeconds?: number;
  now?: () => Date;
}>;

/** The JWKS in AWS (fetched and cached by jose), or a key set in hand (local runtime, tests). */
export const keySetFrom = (source: Readonly<{ url: string } | { jwks: JSONWebKeySet }>): JWTVerifyGetKey =>
  'url' in source ? createRemoteJWKSet(new URL(source.url)) : createLocalJWKSet(source.jwks);

const Claims = z.object({
  sub: z.string().trim().min(1).max(128),
  roles: z.array(z.string().max(64)).max(32).optional(),
});

// A key set that cannot be fetched is an outage, not a bad token: the authorizer fails loudly instead of
// answering "deny", which API Gateway would cache for the token.
const OUTAGE_CODES = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);

const toFailure = (e: unknown): TokenFailure => {
  if (e instanceof errors.JOSEError && !OUTAGE_CODES.has(e.code)) {
    const reason = e instanceof errors.JWTClaimValidationFailed ? `${e.code} (${e.claim})` : e.code;
    return { kind: 'InvalidToken', reason };
  }
  return { kind: 'Unavailable', dependency: 'jwks', message: e instanceof Error ? e.message : String(e) };
};

/** Signature against the key set, algorithm allow-list, issuer, audience, expiry; `sub` is the customer. */
export const createTokenVerifier =
  ({ keys, issuer, audience, clockToleranceSeconds = 5, now }: TokenVerifierOptions): TokenVerifier =>
  (token) =>
    ResultAsync.fromPromise(
      jwtVerify(token, keys, {
        issuer,
        audience,
        algorithms: [...ALLOWED_ALGORITHMS],
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
        ...(now && { currentDate: now() }),
      }),
      toFailure,
    ).andThen(({ payload }) => {
      const claims = Claims.safeParse(payload);
      return claims.success
        ? okAsync<Actor, TokenFailure>({ customerId: claims.data.sub, roles: claims.data.roles ?? [] })
        : errAsync<Actor, TokenFailure>({ kind: 'InvalidToken', reason: 'malformed sub or roles claim' });
    });
