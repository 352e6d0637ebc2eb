import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuthorizerHandler } from '#adapters/lambda/auth/authorizer.ts';
import { withAuthorizerCache } from '#infra/local/gateway/authorizer-cache.ts';

const eventFor = (token: string) => ({ identitySource: [`Bearer ${token}`] }) as APIGatewayRequestAuthorizerEventV2;
const verdictFor = (token: string) => ({ isAuthorized: token.startsWith('ok'), context: { token } }) as never;

describe('the local gateway caches authorizer answers as API Gateway does', () => {
  it('calls the authorizer once per identity per TTL window and answers every request as the authorizer would', () =>
    fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('ok-a', 'ok-b', 'no-c'), fc.integer({ min: 0, max: 4_000 })), {
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 5 }),
        async (requests, ttlSeconds) => {
          let clock = 0;
          const calls: string[] = [];
          const inner: AuthorizerHandler = async (e) => {
            calls.push(e.identitySource[0] ?? '');
            return verdictFor((e.identitySource[0] ?? '').slice('Bearer '.length));
          };
          const cached = withAuthorizerCache(inner, { ttlSeconds, now: () => clock });
          // The model: an identity's entry lives from the call that filled it for exactly the TTL.
          const filledAt = new Map<string, number>();
          let expectedCalls = 0;
          for (const [token, advanceMs] of requests) {
            clock += advanceMs;
            const at = filledAt.get(token);
            if (at === undefined || clock >= at + ttlSeconds * 1000) {
              filledAt.set(token, clock);
              expectedCalls++;
            }
            expect(await cached(eventFor(token))).toEqual(verdictFor(token));
          }
          expect(calls).toHaveLength(expectedCalls);
        },
      ),
      { numRuns: 300 },
    ));

  it('never caches a thrown authorizer, and keeps at most maxEntries identities', async () => {
    let calls = 0;
    let failing = true;
    const cached = withAuthorizerCache(
      async (e) => {
        calls++;
        if (failing) throw new Error('key set outage');
        return verdictFor((e.identitySource[0] ?? '').slice(7));
      },
      { ttlSeconds: 300, maxEntries: 2 },
    );
    await expect(cached(eventFor('ok-a'))).rejects.toThrow('key set outage');
    failing = false;
    expect(await cached(eventFor('ok-a'))).toEqual(verdictFor('ok-a'));
    await cached(eventFor('ok-b'));
    await cached(eventFor('ok-c')); // evicts ok-a, the oldest
    await cached(eventFor('ok-a'));
    expect(calls).toBe(5);
  });

  it('with TTL 0 calls the authorizer every time', async () => {
    let calls = 0;
    const cached = withAuthorizerCache(
      async () => {
        calls++;
        return verdictFor('ok');
      },
      { ttlSeconds: 0 },
    );
    for (let i = 0; i < 3; i++) await cached(eventFor('ok-a'));
    expect(calls).toBe(3);
  });
});
