import { afterAll, beforeAll, describe } from 'vitest';
import { createDynamoImportRepository } from '#adapters/dynamodb/import-repository.dynamodb.ts';
import { importRepositoryContract } from '#test/imports/import-repository.contract.ts';
import {
  createFreshTable,
  type DynamoDbLocal,
  javaAvailable,
  NO_JAVA,
  outboxEnvelopes,
  startDynamoDbLocal,
} from '#test/support/dynamodb-local.ts';

// The import repository's contract, unchanged, against DynamoDB Local: real transactions and conditions.
const hasJava = javaAvailable();

(hasJava ? describe : describe.skip)(
  hasJava ? 'DynamoDB Local (imports)' : `DynamoDB Local (imports) — ${NO_JAVA}`,
  () => {
    let local: DynamoDbLocal;
    beforeAll(async () => {
      local = await startDynamoDbLocal();
    });
    afterAll(async () => {
      await local?.stop();
    });

    importRepositoryContract('dynamodb', async () => {
      const tableName = await createFreshTable(local.client);
      return {
        port: createDynamoImportRepository({ client: local.doc, tableName }),
        committedEvents: () => outboxEnvelopes(local.client, tableName),
      };
    });
  },
);
