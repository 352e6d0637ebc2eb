import type { JWK } from 'jose';
import { type PersistentServerOptions, startPersistentServer } from '#infra/local/persistence/persistent-server.ts';
import { clientFor } from '#test/e2e/api-client.ts';

export const startPersistentApi = async (
  options: Omit<PersistentServerOptions, 'port' | 'mode'> & { issuerKey: JWK; mode?: PersistentServerOptions['mode'] },
) => {
  const server = await startPersistentServer({ port: 0, mode: 'orchestration', sagaTimeScale: 0.001, ...options });
  return { server, ...clientFor(server), close: server.close };
};
