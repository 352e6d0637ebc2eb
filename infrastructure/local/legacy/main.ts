import { z } from 'zod';
import { startLegacyServer } from './legacy-server.ts';

/** `npm run legacy`: the old backend for the strangler-fig demo (set LEGACY_URL for `npm start` to this URL). */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
});
const parsed = Env.safeParse(process.env);
if (!parsed.success) {
  console.error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
  process.exit(1);
}
const legacy = await startLegacyServer({ port: parsed.data.PORT, host: parsed.data.HOST });
console.log(`Legacy backend listening on ${legacy.url}
Routes: GET /products, GET /orders, GET /orders/{id}, POST /orders, GET /customers/{id}, GET /legacy/health
Use it: LEGACY_URL=${legacy.url} npm start   (routes not served by Orderly fall through to it)`);
const stop = () => {
  legacy.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
