import { afterAll, beforeAll, describe } from 'vitest';
import { type DynamoDbLocal, javaAvailable, NO_JAVA, startDynamoDbLocal } from './dynamodb-local.ts';

/**
 * A describe block whose tests run against DynamoDB Local, started before them and stopped after (the globalSetup's
 * shared instance when there is one). Where Java is absent the block is skipped, never silently: NO_JAVA goes into
 * its title and onto the console. `local()` gives the running instance inside hooks and tests.
 */
export const describeOnDynamoDbLocal = (title: string, body: (local: () => DynamoDbLocal) => void): void => {
  let running: DynamoDbLocal | undefined;
  const local = () => {
    if (running === undefined) throw new Error('DynamoDB Local is not started yet: call local() in hooks and tests');
    return running;
  };
  if (!javaAvailable()) {
    console.warn(`\n⚠ ${NO_JAVA} (${title})\n`);
    describe.skip(`${title} — ${NO_JAVA}`, () => body(local));
    return;
  }
  describe(title, () => {
    beforeAll(async () => {
      running = await startDynamoDbLocal();
    }, 120_000);
    afterAll(async () => {
      await running?.stop();
    });
    body(local);
  });
};
