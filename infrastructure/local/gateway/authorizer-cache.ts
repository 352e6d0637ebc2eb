import type { AuthorizerHandler } from '#adapters/lambda/auth/authorizer.ts';

export type AuthorizerCacheOptions = Readonly<{
  /** The deployed API's `resultsCacheTtl` (infrastructure/cdk/config.ts), so local runs behave as AWS does. */
  ttlSeconds: number;
  /** Bounded, so a client sending a fresh token per request cannot grow the process without limit. */
  maxEntries?: number;
  now?: () => number;
}>;

/**
 * API Gateway's authorizer result cache: with `identitySource: $request.header.Authorization` and a TTL, the
 * authorizer's answer (allow or deny) for one Authorization value is reused until the TTL passes, so a token that
 * expires inside that window keeps working until the entry does, exactly as deployed. TTL 0 turns caching off.
 */
export const withAuthorizerCache = (
  authorizer: AuthorizerHandler,
  { ttlSeconds, maxEntries = 10_000, now = Date.now }: AuthorizerCacheOptions,
): AuthorizerHandler => {
  if (ttlSeconds <= 0) return authorizer;
  const entries = new Map<string, { until: number; answer: ReturnType<AuthorizerHandler> }>();
  return (event) => {
    const key = event.identitySource.join(',');
    const hit = entries.get(key);
    if (hit && hit.until > now()) return hit.answer;
    if (hit) entries.delete(key);
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string); // oldest first
    const answer = authorizer(event);
    entries.set(key, { until: now() + ttlSeconds * 1000, answer });
    // A thrown authorizer is a 500, not an answer: never cache it.
    answer.catch(() => entries.delete(key));
    return answer;
  };
};
