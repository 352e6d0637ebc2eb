import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalIssuer, readOrCreateIssuerKey } from '#adapters/lambda/auth/local-issuer.ts';
import { createTokenVerifier } from '#adapters/lambda/auth/verify-token.ts';

const dir = mkdtempSync(join(tmpdir(), 'orderly-issuer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the local issuer', () => {
  it('keeps its key in a JWK file: a restarted issuer signs tokens the first one’s JWKS verifies', async () => {
    const file = join(dir, 'data', 'issuer-key.json');
    const first = await createLocalIssuer({ privateJwk: await readOrCreateIssuerKey(file) });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const restarted = await createLocalIssuer({ privateJwk: await readOrCreateIssuerKey(file) });
    expect(restarted.jwks).toEqual(first.jwks);

    const verify = createTokenVerifier({
      keys: createLocalJWKSet(first.jwks),
      issuer: first.issuer,
      audience: first.audience,
    });
    const token = await restarted.issueToken({ customerId: 'cust-7', roles: ['admin'], expiresIn: '5m' });
    expect((await verify(token))._unsafeUnwrap()).toEqual({ customerId: 'cust-7', roles: ['admin'] });
  });

  it('publishes only the public half of its key', async () => {
    const issuer = await createLocalIssuer({ privateJwk: await readOrCreateIssuerKey(join(dir, 'k2.json')) });
    expect(issuer.jwks.keys).toHaveLength(1);
    expect(issuer.jwks.keys[0]).not.toHaveProperty('d');
    expect(issuer.jwks.keys[0]).toMatchObject({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      use: 'sig',
      kid: expect.any(String),
    });
    expect(JSON.parse(readFileSync(join(dir, 'k2.json'), 'utf8'))).toHaveProperty('d');
  });

  it('refuses a key that is not a private P-256 key', async () => {
    const issuer = await createLocalIssuer({ privateJwk: await readOrCreateIssuerKey(join(dir, 'k3.json')) });
    await expect(createLocalIssuer({ privateJwk: issuer.jwks.keys[0]! })).rejects.toThrow('private P-256');
  });
});
