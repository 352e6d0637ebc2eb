import { javaAvailable, NO_JAVA, startDynamoDbLocal } from './dynamodb-local.ts';

/**
 * Optional vitest globalSetup: one DynamoDB Local for every *.int.test.ts file instead of one JVM per file.
 * It exports DYNAMODB_ENDPOINT, which startDynamoDbLocal() in the test files then uses. Without Java it does
 * nothing and the files skip loudly themselves.
 */
export default async function setup(): Promise<() => Promise<void>> {
  if (!javaAvailable()) {
    console.warn(`\n⚠ ${NO_JAVA}\n`);
    return async () => {};
  }
  if (process.env.DYNAMODB_ENDPOINT) return async () => {};
  const local = await startDynamoDbLocal();
  process.env.DYNAMODB_ENDPOINT = local.endpoint;
  console.info(`DynamoDB Local (shared) ready at ${local.endpoint} in ${local.startupMs} ms`);
  return async () => {
    await local.stop();
    delete process.env.DYNAMODB_ENDPOINT;
  };
}
