import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { OUTBOX_PREFIX } from './keys.ts';

/**
 * The single table, as plain data: the integration tests create it from here and the CDK stack should too,
 * so the adapters and the deployed table cannot disagree on names.
 */
export const tableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** A customer's orders: gsi1pk = CUSTOMER#<id>, gsi1sk = <placedAt ISO>#<orderId>, queried newest first. */
  customerOrdersIndex: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** Epoch seconds; outbox, idempotency and approval-token items expire (deletion is lazy: up to days late). */
  ttlAttribute: 'expiresAt',
  /** The outbox relay reads inserted OUTBOX# items from the stream; NEW_IMAGE is all it needs. */
  streamViewType: 'NEW_IMAGE',
} as const;

/** Lambda event-source filter so the relay only wakes up for new outbox items (`FilterCriteria.Filters[].Pattern`). */
export const outboxStreamFilterPattern = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { pk: { S: [{ prefix: OUTBOX_PREFIX }] } } },
} as const;

export const createTableDefinition = (tableName: string): CreateTableCommandInput => {
  const { partitionKey, sortKey, customerOrdersIndex: gsi } = tableSchema;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [partitionKey, sortKey, gsi.partitionKey, gsi.sortKey].map((name) => ({
      AttributeName: name,
      AttributeType: 'S',
    })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: gsi.name,
        KeySchema: [
          { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: tableSchema.streamViewType },
  };
};

/** TTL is not part of CreateTable; apply this with UpdateTimeToLive (CDK: `timeToLiveAttribute`). */
export const timeToLiveSpecification = { AttributeName: tableSchema.ttlAttribute, Enabled: true } as const;
