import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerResult,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { type AuthorizerContext, toAuthorizerContext } from './authorizer-context.ts';
import type { TokenVerifier } from './verify-token.ts';

export type AuthorizerResponse =
  | APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>
  | (APIGatewaySimpleAuthorizerResult & Readonly<{ isAuthorized: false }>);

export type AuthorizerHandler = (event: APIGatewayRequestAuthorizerEventV2) => Promise<AuthorizerResponse>;

// Three base64url segments (the signature may be empty: `alg: none` tokens get as far as jose, which refuses them).
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_TOKEN_LENGTH = 8 * 1024;

/** `Authorization: Bearer <jwt>`; anything else (another scheme, no token, junk) is no token at all. */
export const bearerToken = (event: Pick<APIGatewayRequestAuthorizerEventV2, 'headers' | 'identitySource'>) => {
  const value = event.headers?.authorization ?? event.identitySource?.[0];
  const match = value?.match(/^Bearer +(\S+)\s*$/i);
  const token = match?.[1];
  return token && token.length <= MAX_TOKEN_LENGTH && COMPACT_JWS.test(token) ? token : undefined;
};

const deny: AuthorizerResponse = { isAuthorized: false };

/**
 * HTTP API REQUEST authorizer with simple responses: a verified bearer JWT gives `{ customerId, roles }` to the
 * routes (roles comma-joined: context values must be scalars). A key set outage throws, so API Gateway answers
 * 500 and caches nothing, rather than caching a deny for a good token.
 */
export const httpAuthorizer =
  (verify: TokenVerifier, onDenied: (reason: string) => void = () => {}): AuthorizerHandler =>
  async (event) => {
    const token = bearerToken(event);
    if (!token) {
      onDenied('missing or malformed Authorization header');
      return deny;
    }
    const verified = await verify(token);
    if (verified.isOk()) return { isAuthorized: true, context: toAuthorizerContext(verified.value) };
    if (verified.error.kind === 'Unavailable') throw new Error(`token keys unavailable: ${verified.error.message}`);
    onDenied(verified.error.reason);
    return deny;
  };
