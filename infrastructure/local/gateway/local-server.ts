import type { JWK } from 'jose';
import { httpAuthorizer } from '#adapters/lambda/auth/authorizer.ts';
import { createLocalIssuer, type LocalIssuer } from '#adapters/lambda/auth/local-issuer.ts';
import { createTokenVerifier, keySetFrom } from '#adapters/lambda/auth/verify-token.ts';
import { createRealScheduler } from '#adapters/memory/engines/scheduler.ts';
import { defaultConfig } from '../../cdk/config.ts';
import type { MemoryOptions } from '../../container/memory.module.ts';
import type { OrderFlowMode } from '../../topology/names.ts';
import { RETAINED_EVENTS, RETAINED_EXECUTIONS } from '../retention.ts';
import { createLocalSystem, type LocalSystem } from '../system.ts';
import { withAuthorizerCache } from './authorizer-cache.ts';
import { createGateway, type Gateway } from './gateway.ts';
import { listen } from './http-server.ts';
import { localIssuerKey } from './local-data.ts';
import { routeSpecs } from './routes.ts';
import { stoppable } from './stoppable-scheduler.ts';

export type LocalServerOptions = Readonly<{
  port: number;
  host?: string;
  mode: OrderFlowMode;
  /** Orders at or above this total (minor units) wait for an admin. */
  approvalThreshold?: number;
  /** Real seconds per saga second: 1 for `npm start`; tests shrink the saga's retry waits. */
  sagaTimeScale?: number;
  approvalTimeoutSeconds?: number;
  /** The issuer's private key; defaults to the one kept in `.data/` (created on first use). */
  issuerKey?: JWK;
  memory?: MemoryOptions;
  onError?: (error: unknown, routeKey: string) => void;
  /** Runs once the system is built, before the port opens (startup reconciliation after a restart). */
  beforeListen?: (system: LocalSystem) => Promise<void>;
  /** Puts something in front of the API gateway (the strangler route table, access logs). */
  wrapGateway?: (gateway: Gateway) => Gateway;
}>;

export type LocalServer = Readonly<{
  url: string;
  port: number;
  system: LocalSystem;
  issuer: LocalIssuer;
  close: () => Promise<void>;
}>;

/**
 * The whole system behind a local HTTP API: the in-process system on wall-clock time, the real authorizer
 * verifying tokens of the local issuer, and the real route handlers built from the system's container.
 */
export const startLocalServer = async (options: LocalServerOptions): Promise<LocalServer> => {
  const issuer = await createLocalIssuer({ privateJwk: options.issuerKey ?? (await localIssuerKey()) });
  const scheduler = stoppable(createRealScheduler());
  const memory = options.memory ?? {};
  const system = createLocalSystem({
    mode: options.mode,
    scheduler,
    sagaTimeScale: options.sagaTimeScale ?? 1,
    retainFinishedExecutions: RETAINED_EXECUTIONS,
    ...(options.approvalTimeoutSeconds !== undefined && { approvalTimeoutSeconds: options.approvalTimeoutSeconds }),
    memory: {
      retainEvents: RETAINED_EVENTS,
      ...memory,
      ...(options.approvalThreshold !== undefined && {
        config: { ...memory.config, approvalThreshold: options.approvalThreshold },
      }),
    },
  });
  const verify = createTokenVerifier({
    keys: keySetFrom({ jwks: issuer.jwks }),
    issuer: issuer.issuer,
    audience: issuer.audience,
  });
  const gateway = createGateway({
    routes: routeSpecs.map((r) => ({ key: r.key, auth: r.auth, handler: r.build(system.container) })),
    authorizer: withAuthorizerCache(httpAuthorizer(verify), { ttlSeconds: defaultConfig.authorizerCacheSeconds }),
    ...(options.onError && { onError: options.onError }),
  });
  await options.beforeListen?.(system);
  const front = options.wrapGateway?.(gateway) ?? gateway;
  const server = await listen(front, { port: options.port, ...(options.host && { host: options.host }) });
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      await server.close();
      await system.stop();
      scheduler.stop();
    })();
    return closed;
  };
  return { url: server.url, port: server.port, system, issuer, close };
};
