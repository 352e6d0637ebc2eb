import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AttributeValue,
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ScanCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableDefinition, timeToLiveSpecification } from '#adapters/dynamodb/table.ts';
import { EventEnvelope } from '#domain/events.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `java -version` works: DynamoDB Local can run here. Checked once, at collection time. */
export const javaAvailable = (): boolean => {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  return probe.status === 0;
};

export const NO_JAVA =
  'SKIPPED: DynamoDB Local needs Java (`java -version` failed); the DynamoDB adapters were NOT tested here';

export type DynamoDbLocal = Readonly<{
  endpoint: string;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  /** Milliseconds from spawn to the first answered request. */
  startupMs: number;
  stop: () => Promise<void>;
}>;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

export const clientsFor = (endpoint: string) => {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' },
    maxAttempts: 1,
  });
  return { client, doc: DynamoDBDocumentClient.from(client) };
};

const waitUntilReady = async (client: DynamoDBClient, exitCode: () => number | null, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode() !== null) throw new Error(`DynamoDB Local exited with code ${exitCode()}`);
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local not ready after ${timeoutMs} ms: ${String(e)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
};

/**
 * Starts AWS's DynamoDB Local jar (fetched by scripts/dynamodb-local.sh on first use) on a free port, in memory.
 * Set DYNAMODB_ENDPOINT to use an already running one instead (then `stop` leaves it alone).
 */
export const startDynamoDbLocal = async (): Promise<DynamoDbLocal> => {
  const started = Date.now();
  const external = process.env.DYNAMODB_ENDPOINT;
  if (external) {
    const clients = clientsFor(external);
    await waitUntilReady(clients.client, () => null, 10_000);
    return { endpoint: external, ...clients, startupMs: Date.now() - started, stop: async () => {} };
  }
  const emulator = execFileSync(join(root, 'scripts', 'dynamodb-local.sh'), { encoding: 'utf8' }).trim();
  const port = await freePort();
  const child = spawn(
    'java',
    [
      '-Xmx256m',
      '-Djava.library.path=./DynamoDBLocal_lib',
      '-jar',
      'DynamoDBLocal.jar',
      '-inMemory',
      '-port',
      String(port),
    ],
    { cwd: emulator, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const clients = clientsFor(endpoint);
  try {
    await waitUntilReady(clients.client, () => child.exitCode, 30_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      clients.client.destroy();
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { endpoint, ...clients, startupMs: Date.now() - started, stop };
};

let tables = 0;

/** A new, empty table with the production schema (keys, GSI, stream, TTL) and a unique name. */
export const createFreshTable = async (client: DynamoDBClient, prefix = 'orderly-test'): Promise<string> => {
  tables++;
  const tableName = `${prefix}-${process.pid}-${Date.now().toString(36)}-${tables}`;
  await client.send(new CreateTableCommand(createTableDefinition(tableName)));
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: timeToLiveSpecification }),
  );
  return tableName;
};

/** Every envelope stored in the table's outbox (what the stream relay would publish). */
export const outboxEnvelopes = async (client: DynamoDBClient, tableName: string): Promise<EventEnvelope[]> => {
  const envelopes: EventEnvelope[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        ConsistentRead: true,
        FilterExpression: 'begins_with(pk, :outbox)',
        ExpressionAttributeValues: { ':outbox': { S: 'OUTBOX#' } },
        ...(start && { ExclusiveStartKey: start }),
      }),
    );
    for (const item of page.Items ?? []) {
      envelopes.push(EventEnvelope.parse(JSON.parse(item.envelope?.S ?? 'null')) as EventEnvelope);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return envelopes;
};
