import { describe, expect, it } from 'vitest';
import { AuthorizerEnv } from '#infra/config/authorizer-env.ts';
import { PortsEnv, parseEnv } from '#infra/config/env.ts';

const aws = {
  TABLE_NAME: 'orderly-table',
  EVENT_BUS_NAME: 'orderly',
  STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:123456789012:stateMachine:order-saga',
};

describe('the Lambda environment', () => {
  it('defaults to the AWS ports and needs their resources', () => {
    expect(parseEnv(PortsEnv, aws)).toEqual({
      ...aws,
      ORDERLY_PORTS: 'aws',
      POWERTOOLS_SERVICE_NAME: 'orderly',
      ORDER_FLOW: 'orchestration',
      APPROVAL_THRESHOLD: 100_000,
      CURRENCY: 'EUR',
    });
    expect(() => parseEnv(PortsEnv, {})).toThrow(/TABLE_NAME[\s\S]*EVENT_BUS_NAME/);
  });

  it('needs no AWS resources on the memory ports', () => {
    expect(parseEnv(PortsEnv, { ORDERLY_PORTS: 'memory', APPROVAL_THRESHOLD: '5000' })).toMatchObject({
      ORDERLY_PORTS: 'memory',
      APPROVAL_THRESHOLD: 5000,
    });
  });

  it('names the bad variables and their rule, never their values', () => {
    const attempt = () =>
      parseEnv(PortsEnv, {
        ...aws,
        APPROVAL_THRESHOLD: '-1',
        STATE_MACHINE_ARN: 'super-secret-value',
        CURRENCY: 'euro',
      });
    expect(attempt).toThrow('Invalid environment configuration');
    const message = (() => {
      try {
        attempt();
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/APPROVAL_THRESHOLD: must be a whole number/);
    expect(message).toMatch(/STATE_MACHINE_ARN/);
    expect(message).toMatch(/CURRENCY/);
    expect(message).not.toContain('super-secret-value');
  });

  it('gives the authorizer exactly one key source', () => {
    const base = { JWT_ISSUER: 'https://issuer', JWT_AUDIENCE: 'orderly-api' };
    expect(parseEnv(AuthorizerEnv, { ...base, JWKS_URL: 'https://issuer/.well-known/jwks.json' })).toMatchObject({
      JWT_CLOCK_TOLERANCE_SECONDS: 5,
    });
    expect(parseEnv(AuthorizerEnv, { ...base, JWKS: '{"keys":[{"kty":"EC"}]}' }).JWKS).toEqual({
      keys: [{ kty: 'EC' }],
    });
    expect(() => parseEnv(AuthorizerEnv, base)).toThrow('set exactly one of JWKS_URL and JWKS');
    expect(() => parseEnv(AuthorizerEnv, { ...base, JWKS: 'nope' })).toThrow('must be a JSON Web Key Set');
    expect(() => parseEnv(AuthorizerEnv, { ...base, JWKS_URL: 'file:///etc/keys' })).toThrow('JWKS_URL');
  });
});
