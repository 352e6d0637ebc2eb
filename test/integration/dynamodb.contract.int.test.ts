import { beforeAll } from 'vitest';
import { createDynamoApprovalTokens } from '#adapters/dynamodb/approval-tokens.dynamodb.ts';
import { createDynamoIdempotencyStore } from '#adapters/dynamodb/idempotency-store.dynamodb.ts';
import { createDynamoOrderRepository } from '#adapters/dynamodb/order-repository.dynamodb.ts';
import { createDynamoPaymentRepository } from '#adapters/dynamodb/payment-repository.dynamodb.ts';
import { createDynamoStockRepository } from '#adapters/dynamodb/stock-repository.dynamodb.ts';
import type { Sku } from '#domain/shared/ids.ts';
import { approvalTokensContract } from '#test/contract/approval-tokens.contract.ts';
import { idempotencyStoreContract } from '#test/contract/idempotency-store.contract.ts';
import { orderRepositoryContract } from '#test/contract/order-repository.contract.ts';
import { paymentRepositoryContract } from '#test/contract/payment-repository.contract.ts';
import { stockRepositoryContract } from '#test/contract/stock-repository.contract.ts';
import { describeOnDynamoDbLocal } from '#test/support/describe-on-dynamodb-local.ts';
import { createFreshTable, outboxEnvelopes } from '#test/support/dynamodb-local.ts';

// The same contract suites as the memory adapters, unchanged, against AWS's DynamoDB Local (real transactions,
// conditions, GSI and TTL semantics). Every `make` gets a new table, so each test starts empty.
describeOnDynamoDbLocal('DynamoDB Local', (local) => {
  beforeAll(() => {
    console.info(`DynamoDB Local ready at ${local().endpoint} in ${local().startupMs} ms`);
  });

  const fresh = async () => {
    const tableName = await createFreshTable(local().client);
    return {
      config: { client: local().doc, tableName },
      committedEvents: () => outboxEnvelopes(local().client, tableName),
    };
  };

  orderRepositoryContract('dynamodb', async () => {
    const { config, committedEvents } = await fresh();
    return { port: createDynamoOrderRepository(config), committedEvents };
  });

  stockRepositoryContract('dynamodb', async (seed) => {
    const { config, committedEvents } = await fresh();
    const port = createDynamoStockRepository(config);
    const seeded = await port.saveMany(
      Object.entries(seed).map(([sku, onHand]) => ({
        item: { sku: sku as Sku, onHand, reserved: 0 },
        expectedVersion: 0,
      })),
      [],
    );
    if (seeded.isErr()) throw new Error(`seeding failed: ${JSON.stringify(seeded.error)}`);
    return { port, committedEvents };
  });

  paymentRepositoryContract('dynamodb', async () => {
    const { config, committedEvents } = await fresh();
    return { port: createDynamoPaymentRepository(config), committedEvents };
  });

  idempotencyStoreContract('dynamodb', async (setup) =>
    createDynamoIdempotencyStore({ ...(await fresh()).config, ...setup }),
  );

  approvalTokensContract('dynamodb', async () => createDynamoApprovalTokens((await fresh()).config));
});
