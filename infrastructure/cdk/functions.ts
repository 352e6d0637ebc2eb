import { consumerNames } from '#infra/topology/names.ts';
import { queues } from '#infra/topology/queues.ts';
import type { RouteKey } from './config.ts';
import { workflowTaskNames } from './workflows.ts';

export type TableAccess = 'none' | 'read' | 'read-write';
export type FunctionRole = 'http' | 'authorizer' | 'consumer' | 'workflow-task' | 'outbox-relay' | 'csv-splitter';

/**
 * One Lambda function. `name` is the construct id (PascalCase + `Fn`), the service name in logs and metrics, and
 * the bundle folder `npm run bundle` writes (`dist/lambda/<name>/index.mjs`): the entry file's base name, with
 * `http-` for the API routes (the saga has a `cancel-order` task of its own), by the same rule as that script.
 */
export type FunctionSpec = Readonly<{
  name: string;
  role: FunctionRole;
  table: TableAccess;
  timeoutSeconds: number;
}>;

/** `entry` = the base name of `infrastructure/lambda/http/<entry>.ts`. `public` routes skip the authorizer. */
export type HttpRouteSpec = Readonly<{ key: RouteKey; entry: string; auth: 'token' | 'public'; table: TableAccess }>;

export const httpRoutes: readonly HttpRouteSpec[] = [
  { key: 'POST /orders', entry: 'place-order', auth: 'token', table: 'read-write' },
  { key: 'GET /orders/{id}', entry: 'get-order', auth: 'token', table: 'read' },
  { key: 'GET /orders', entry: 'list-orders', auth: 'token', table: 'read' },
  { key: 'PUT /orders/{id}', entry: 'update-order', auth: 'token', table: 'read-write' },
  { key: 'POST /orders/{id}/cancel', entry: 'cancel-order', auth: 'token', table: 'read-write' },
  { key: 'POST /orders/{id}/approval', entry: 'decide-approval', auth: 'token', table: 'read-write' },
  { key: 'GET /products', entry: 'list-products', auth: 'public', table: 'read' },
];

export const httpFunctionName = (route: HttpRouteSpec): string => `http-${route.entry}`;

export const AUTHORIZER = 'authorizer';
export const OUTBOX_RELAY = 'outbox-relay';
export const CSV_SPLITTER = 'csv-splitter';
/** A string, not a ConsumerName: the stack wires the splitter to its queue only when the topology has it. */
export const IMPORT_CHUNK_PROCESSOR: string = 'import-chunk-processor';

const spec = (name: string, role: FunctionRole, table: TableAccess, timeoutSeconds: number): FunctionSpec => ({
  name,
  role,
  table,
  timeoutSeconds,
});

/**
 * A queue consumer gets a sixth of its queue's visibility timeout (AWS's guidance for SQS event sources: room
 * for the poller's retries before a message shows up again); a consumer fed by a rule gets 30 s.
 */
export const consumerTimeoutSeconds = (name: string): number => {
  const queue = queues.find((q) => q.consumer?.name === name);
  return queue ? Math.min(900, Math.floor(queue.visibilityTimeoutSeconds / 6)) : 30;
};

/** Every function of the stack. */
export const functionSpecs = (): readonly FunctionSpec[] => [
  ...httpRoutes.map((r) => spec(httpFunctionName(r), 'http', r.table, 10)),
  spec(AUTHORIZER, 'authorizer', 'none', 5),
  // Every consumer is idempotent by (consumer, event id), so each one writes the table.
  ...consumerNames.map((name) => spec(name, 'consumer', 'read-write', consumerTimeoutSeconds(name))),
  // Workflow tasks: one per ASL placeholder, named by functionNameOf (the same rule the local runtime uses).
  ...workflowTaskNames().map((name) => spec(name, 'workflow-task', 'read-write', 30)),
  // The relay only reads the stream and calls PutEvents: no table access beyond the stream.
  spec(OUTBOX_RELAY, 'outbox-relay', 'none', 60),
  spec(CSV_SPLITTER, 'csv-splitter', 'read-write', 120),
];

/** `reserve-stock` → `ReserveStock` (STYLE: construct ids are PascalCase from the same words). */
export const pascal = (kebab: string): string =>
  kebab
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
