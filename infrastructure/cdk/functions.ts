import { consumerNames } from '#infra/topology/names.ts';
import { queues } from '#infra/topology/queues.ts';
import { functionNameOf, placeholdersOf, readDefinition } from '#infra/workflows/definitions.ts';
import type { RouteKey } from './config.ts';

export type TableAccess = 'none' | 'read' | 'read-write';
export type FunctionRole = 'http' | 'authorizer' | 'consumer' | 'saga-task' | 'outbox-relay' | 'csv-splitter';

/**
 * One Lambda function. `name` is unique: the construct id (PascalCase + `Fn`) and the service name in logs and
 * metrics. `bundle` is the folder `npm run bundle` writes (`dist/lambda/<bundle>/index.mjs`), which that script
 * names after the entry file's base name; it equals `name` except for HTTP routes, whose names carry `http-`
 * because the saga has a `cancel-order` task of its own.
 */
export type FunctionSpec = Readonly<{
  name: string;
  bundle: string;
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

/** The saga's task functions, one per `${...Arn}` placeholder of the ASL (the same rule the local runtime uses). */
export const sagaTaskNames = (): string[] => placeholdersOf(readDefinition('order-saga')).map(functionNameOf);

const spec = (name: string, role: FunctionRole, table: TableAccess, timeoutSeconds: number): FunctionSpec => ({
  name,
  bundle: name,
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

/** Every function of the stack, HTTP first (when two would share a bundle folder, the first one keeps it). */
export const functionSpecs = (): readonly FunctionSpec[] => [
  ...httpRoutes.map((r) => ({ ...spec(httpFunctionName(r), 'http', r.table, 10), bundle: r.entry })),
  spec(AUTHORIZER, 'authorizer', 'none', 5),
  // Every consumer is idempotent by (consumer, event id), so each one writes the table.
  ...consumerNames.map((name) => spec(name, 'consumer', 'read-write', consumerTimeoutSeconds(name))),
  ...sagaTaskNames().map((name) => spec(name, 'saga-task', 'read-write', 30)),
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
