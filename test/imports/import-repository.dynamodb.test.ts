import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDynamoImportRepository } from '#adapters/dynamodb/import-repository.dynamodb.ts';
import { fakeAws } from '#test/adapters/aws/fixtures.ts';

const doc = DynamoDBDocumentClient.from(new DynamoDBClient(fakeAws));
const ddb = mockClient(DynamoDBDocumentClient);
const repo = createDynamoImportRepository({ client: doc, tableName: 'orderly' });
const cancelled = (...codes: string[]) =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: codes.map((Code) => ({ Code })),
  });
const stored = { importId: 'i', objectKey: 'k', createdAt: 't', chunksDone: 1, placed: 1, rejected: 0 };

describe('DynamoDB import repository (request contract)', () => {
  beforeEach(() => {
    ddb.reset();
    ddb.on(GetCommand).resolves({ Item: { pk: 'IMPORT#i', sk: 'IMPORT', ...stored } });
  });

  it('retries a transaction that collided with another chunk’s, then succeeds', async () => {
    ddb.on(TransactWriteCommand).rejectsOnce(cancelled('None', 'TransactionConflict')).resolves({});
    const out = await repo.recordChunk('i', { chunk: 0, placed: 1, rejected: [] }, []);
    expect(out._unsafeUnwrap()).toStrictEqual({ recorded: true, status: stored });
    expect(ddb.commandCalls(TransactWriteCommand).length).toBe(2);
  });

  it('gives up after a few conflicts (Unavailable: the message is retried) and never retries a failed condition', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None'));
    expect((await repo.recordChunk('i', { chunk: 0, placed: 1, rejected: [] }, []))._unsafeUnwrapErr().kind).toBe(
      'Unavailable',
    );
    expect(ddb.commandCalls(TransactWriteCommand).length).toBe(5);
    ddb.reset();
    ddb.on(GetCommand).resolves({ Item: { pk: 'IMPORT#i', sk: 'IMPORT', ...stored } });
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    expect((await repo.recordChunk('i', { chunk: 0, placed: 1, rejected: [] }, []))._unsafeUnwrap().recorded).toBe(
      false,
    );
    expect(ddb.commandCalls(TransactWriteCommand).length).toBe(1);
  });

  it('a chunk item and the counters in one transaction, each with its condition, plus the outbox', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    await repo.recordChunk('i', { chunk: 7, placed: 2, rejected: [{ row: 3, reason: 'x' }] }, []);
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[0]?.Put).toMatchObject({
      Item: { pk: 'IMPORT#i', sk: 'CHUNK#000000007', chunk: 7, placed: 2 },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(items[1]?.Update).toMatchObject({
      Key: { pk: 'IMPORT#i', sk: 'IMPORT' },
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':one': 1, ':placed': 2, ':rejected': 1 },
    });
  });
});
