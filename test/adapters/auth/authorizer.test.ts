import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuthorizerHandler, httpAuthorizer } from '#adapters/lambda/auth/authorizer.ts';
import { actorFromAuthorizerContext } from '#adapters/lambda/auth/authorizer-context.ts';
import { createLocalIssuer, generateIssuerKey, type LocalIssuer } from '#adapters/lambda/auth/local-issuer.ts';
import { createTokenVerifier, type TokenVerifier } from '#adapters/lambda/auth/verify-token.ts';
import { authorizerEvent } from '#test/fixtures/events/http-events.ts';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

let issuer: LocalIssuer;
let verify: TokenVerifier;
let authorize: AuthorizerHandler;
let denials: string[];

beforeAll(async () => {
  issuer = await createLocalIssuer({ privateJwk: await generateIssuerKey() });
  verify = createTokenVerifier({
    keys: createLocalJWKSet(issuer.jwks),
    issuer: issuer.issuer,
    audience: issuer.audience,
  });
  authorize = httpAuthorizer(verify, (reason) => denials.push(reason));
});

const decide = async (authorization?: string) => {
  denials = [];
  return authorize(authorizerEvent(authorization));
};
const bearer = (token: string) => `Bearer ${token}`;
/** The same claims a good token has, signed however the test wants. */
const claims = () => ({
  sub: 'cust-0001',
  roles: ['admin'],
  iss: issuer.issuer,
  aud: issuer.audience,
  iat: now(),
  exp: now() + 600,
});

describe('the authorizer accepts', () => {
  it('a valid ES256 token: sub → customerId, roles → a comma-joined string the routes split back', async () => {
    const token = await issuer.issueToken({ customerId: 'cust-0001', roles: ['admin', 'support'] });
    const res = await decide(bearer(token));
    expect(res).toEqual({ isAuthorized: true, context: { customerId: 'cust-0001', roles: 'admin,support' } });
    expect(res.isAuthorized && actorFromAuthorizerContext(res.context)).toEqual({
      customerId: 'cust-0001',
      roles: ['admin', 'support'],
    });
  });

  it('a valid RS256 token from another key in the set, and a token without roles', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const rsaJwk = { ...(await exportJWK(publicKey)), kid: 'rsa-1', alg: 'RS256' };
    const keys = createLocalJWKSet({ keys: [...issuer.jwks.keys, rsaJwk] });
    const both = httpAuthorizer(createTokenVerifier({ keys, issuer: issuer.issuer, audience: issuer.audience }));
    const { roles: _, ...noRoles } = claims();
    const token = await new SignJWT(noRoles).setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).sign(privateKey);
    expect(await both(authorizerEvent(bearer(token)))).toEqual({
      isAuthorized: true,
      context: { customerId: 'cust-0001', roles: '' },
    });
  });

  it('a token expired by less than the clock tolerance', async () => {
    const token = await issuer.issueToken({ customerId: 'c', expiresIn: now() - 2, issuedAt: now() - 60 });
    expect((await decide(bearer(token))).isAuthorized).toBe(true);
  });
});

describe('the authorizer rejects', () => {
  it('an expired token', async () => {
    const token = await issuer.issueToken({ customerId: 'c', expiresIn: now() - 60, issuedAt: now() - 3600 });
    expect(await decide(bearer(token))).toEqual({ isAuthorized: false });
    expect(denials).toEqual(['ERR_JWT_EXPIRED']);
  });

  it('a wrong issuer and a wrong audience', async () => {
    const other = await createLocalIssuer({ privateJwk: issuer.privateJwk, issuer: 'https://evil.example' });
    expect((await decide(bearer(await other.issueToken({ customerId: 'c' })))).isAuthorized).toBe(false);
    expect(denials).toEqual(['ERR_JWT_CLAIM_VALIDATION_FAILED (iss)']);
    const otherAudience = await createLocalIssuer({ privateJwk: issuer.privateJwk, audience: 'another-api' });
    expect((await decide(bearer(await otherAudience.issueToken({ customerId: 'c' })))).isAuthorized).toBe(false);
    expect(denials).toEqual(['ERR_JWT_CLAIM_VALIDATION_FAILED (aud)']);
  });

  it('a token signed by another key that claims the same kid', async () => {
    const impostor = await createLocalIssuer({
      privateJwk: { ...(await generateIssuerKey()), kid: issuer.jwks.keys[0]?.kid as string },
    });
    expect((await decide(bearer(await impostor.issueToken({ customerId: 'c' })))).isAuthorized).toBe(false);
    expect(denials).toEqual(['ERR_JWS_SIGNATURE_VERIFICATION_FAILED']);
  });

  it('a tampered payload (a customer making themself admin)', async () => {
    const [header, , signature] = (await issuer.issueToken({ customerId: 'cust-0001', roles: [] })).split('.');
    const forged = `${header}.${b64url(claims())}.${signature}`;
    expect((await decide(bearer(forged))).isAuthorized).toBe(false);
    expect(denials).toEqual(['ERR_JWS_SIGNATURE_VERIFICATION_FAILED']);
  });

  it('alg "none" with an empty signature', async () => {
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims())}.`;
    expect((await decide(bearer(unsigned))).isAuthorized).toBe(false);
    expect(denials).toHaveLength(1);
  });

  it('HS256 signed with the public key as the secret (algorithm confusion)', async () => {
    const publicJwk = issuer.jwks.keys[0];
    for (const secret of [JSON.stringify(publicJwk), publicJwk?.x ?? '']) {
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256', kid: publicJwk?.kid as string })
        .sign(new TextEncoder().encode(secret));
      expect((await decide(bearer(token))).isAuthorized).toBe(false);
      expect(denials).toEqual(['ERR_JOSE_ALG_NOT_ALLOWED']);
    }
  });

  it('a missing Authorization header', async () => {
    expect(await decide(undefined)).toEqual({ isAuthorized: false });
    expect(denials).toEqual(['missing or malformed Authorization header']);
  });

  it.each([
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['no token', 'Bearer '],
    ['two tokens', 'Bearer a.b.c d.e.f'],
    ['not a JWS', 'Bearer not-a-jwt'],
    ['junk segments', 'Bearer a.b.c'],
    ['a JWS with a non-JSON header', `Bearer ${Buffer.from('nope').toString('base64url')}.e30.c2ln`],
  ])('a malformed header: %s', async (_, authorization) => {
    expect(await decide(authorization)).toEqual({ isAuthorized: false });
    expect(denials).toHaveLength(1);
  });

  it.each([
    ['roles as a string', { roles: 'admin' }],
    ['an empty sub', { sub: '' }],
  ])('a well-signed token whose claims have the wrong shape: %s', async (_, override) => {
    const key = await importJWK(issuer.privateJwk, 'ES256');
    const token = await new SignJWT({ ...claims(), ...override })
      .setProtectedHeader({ alg: 'ES256', kid: issuer.jwks.keys[0]?.kid as string })
      .sign(key);
    expect(await decide(bearer(token))).toEqual({ isAuthorized: false });
    expect(denials).toHaveLength(1);
  });
});

describe('when the key set cannot be fetched', () => {
  it('throws (API Gateway answers 500 and caches nothing) instead of denying a good token', async () => {
    const token = await issuer.issueToken({ customerId: 'c' });
    const down = httpAuthorizer(
      createTokenVerifier({
        keys: async () => Promise.reject(new TypeError('fetch failed')),
        issuer: issuer.issuer,
        audience: issuer.audience,
      }),
    );
    await expect(down(authorizerEvent(bearer(token)))).rejects.toThrow('token keys unavailable: fetch failed');
  });
});
