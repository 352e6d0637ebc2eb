import { createDynamoImportRepository } from '#adapters/dynamodb/import-repository.dynamodb.ts';
import { importRepositoryContract } from '#test/imports/import-repository.contract.ts';
import { describeOnDynamoDbLocal } from '#test/support/describe-on-dynamodb-local.ts';
import { createFreshTable, outboxEnvelopes } from '#test/support/dynamodb-local.ts';

// The import repository's contract, unchanged, against DynamoDB Local: real transactions and conditions.
describeOnDynamoDbLocal('DynamoDB Local (imports)', (local) => {
  importRepositoryContract('dynamodb', async () => {
    const tableName = await createFreshTable(local().client);
    return {
      port: createDynamoImportRepository({ client: local().doc, tableName }),
      committedEvents: () => outboxEnvelopes(local().client, tableName),
    };
  });
});
