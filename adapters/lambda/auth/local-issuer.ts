import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  SignJWT,
} from 'jose';

export const LOCAL_ISSUER = 'https://orderly.local/issuer';
export const LOCAL_AUDIENCE = 'orderly-api';

export type TokenRequest = Readonly<{
  customerId: string;
  roles?: readonly string[];
  /** A span such as '1h' or '15m', or an absolute NumericDate (seconds since the epoch). */
  expiresIn?: string | number;
  /** NumericDate for `iat`; defaults to now. Tests back-date tokens with it. */
  issuedAt?: number;
}>;

export type LocalIssuer = Readonly<{
  issuer: string;
  audience: string;
  /** The public half, what the authorizer verifies against (JWKS_URL in AWS, this set locally). */
  jwks: JSONWebKeySet;
  privateJwk: JWK;
  issueToken: (request: TokenRequest) => Promise<string>;
}>;

/** A fresh ES256 signing key as a private JWK, with its thumbprint as `kid`. */
export const generateIssuerKey = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ES256', use: 'sig' };
};

// Only the public members of an EC key: never `d`, whatever else the file holds.
const publicPart = (jwk: JWK): JWK =>
  Object.fromEntries(
    (['kty', 'crv', 'x', 'y', 'kid', 'alg', 'use'] as const).flatMap((k) =>
      jwk[k] === undefined ? [] : [[k, jwk[k]]],
    ),
  ) as JWK;

/** Stands in for the identity provider locally (`npm run token`) and in tests. Not for production use. */
export const createLocalIssuer = async ({
  privateJwk,
  issuer = LOCAL_ISSUER,
  audience = LOCAL_AUDIENCE,
}: Readonly<{ privateJwk: JWK; issuer?: string; audience?: string }>): Promise<LocalIssuer> => {
  if (privateJwk.kty !== 'EC' || privateJwk.crv !== 'P-256' || !privateJwk.d) {
    throw new Error('the local issuer needs a private P-256 (ES256) JWK');
  }
  const key = await importJWK(privateJwk, 'ES256');
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(publicPart(privateJwk)));
  const issueToken = ({ customerId, roles = [], expiresIn = '1h', issuedAt }: TokenRequest) =>
    new SignJWT({ roles: [...roles] })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .setSubject(customerId)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresIn)
      .sign(key);
  return { issuer, audience, jwks: { keys: [{ ...publicPart(privateJwk), kid }] }, privateJwk, issueToken };
};

/** Keeps the key in a local data folder so tokens survive restarts; created on first use, readable by the owner only. */
export const readOrCreateIssuerKey = async (file: string): Promise<JWK> => {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as JWK;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const jwk = await generateIssuerKey();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return jwk;
};
