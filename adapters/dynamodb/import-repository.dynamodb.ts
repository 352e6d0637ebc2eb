import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { err, errAsync, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import { z } from 'zod';
import { type Unavailable, unavailable } from '#app/errors.ts';
import { type ImportRepository, type ImportStatus, importNotFound } from '#app/ports/import-repository.ts';
import type { EventEnvelope } from '#domain/events.ts';
import { ChunkResult } from '#domain/imports/import.ts';
import { DEFAULT_OUTBOX_TTL_SECONDS, outboxItem } from './outbox.ts';
import { DEPENDENCY, errorName, isConditionalCheckFailed, toUnavailable } from './sdk-errors.ts';
import { epochSeconds, systemClock, type TableConfig } from './transact.ts';

// One partition per import: the IMPORT item (totals, fan-in counters, running sums) and one CHUNK#n item per
// recorded chunk (its rejected rows). A chunk is counted by creating its item and adding to the counters in one
// transaction, so a chunk processed twice is counted once; completion is a condition on the counters.
const importKey = (importId: string) => ({ pk: `IMPORT#${importId}`, sk: 'IMPORT' });
const chunkKey = (importId: string, chunk: number) => ({
  pk: `IMPORT#${importId}`,
  sk: `CHUNK#${String(chunk).padStart(9, '0')}`,
});

const count = z.number().int().min(0);
const ImportItem = z.object({
  importId: z.string().min(1),
  objectKey: z.string(),
  createdAt: z.string(),
  chunks: count.exactOptional(),
  rows: count.exactOptional(),
  chunksDone: count,
  placed: count,
  rejected: count,
  summaryKey: z.string().exactOptional(),
  completedAt: z.string().exactOptional(),
});

const statusOf = (item: Record<string, unknown>): Result<ImportStatus, Unavailable> => {
  const parsed = ImportItem.safeParse(item);
  return parsed.success
    ? ok(parsed.data)
    : err(unavailable(DEPENDENCY, `stored import is invalid: ${parsed.error.message}`));
};

const CONFLICT_RETRIES = 4;
const CONFLICT_BACKOFF_MS = 25;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isTransactionConflict = (e: unknown): boolean =>
  errorName(e) === 'TransactionConflictException' ||
  (errorName(e) === 'TransactionCanceledException' &&
    ((e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some(
      (r) => r.Code === 'TransactionConflict',
    ));

/** Which items of a cancelled transaction failed their condition, by position. */
const failedConditions = (e: unknown): boolean[] | undefined => {
  if (errorName(e) !== 'TransactionCanceledException') return undefined;
  const reasons = (e as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((r) => r.Code === 'ConditionalCheckFailed');
};

export const createDynamoImportRepository = (config: TableConfig): ImportRepository => {
  const { client, tableName: TableName } = config;
  const clock = config.clock ?? systemClock;
  const outbox = (events: readonly EventEnvelope[]) => {
    const expiresAt = epochSeconds(clock()) + (config.outboxTtlSeconds ?? DEFAULT_OUTBOX_TTL_SECONDS);
    return events.map((e) => ({
      Put: { TableName, Item: outboxItem(e, expiresAt), ConditionExpression: 'attribute_not_exists(pk)' },
    }));
  };
  // Every chunk of an import updates the same IMPORT item, so concurrent chunks' transactions can collide
  // (TransactionConflict). That is worth a few quick retries here rather than a failed message that SQS would only
  // retry after its visibility timeout.
  const transact = (items: readonly Record<string, unknown>[]) => {
    const attempt = async (n: number): Promise<unknown> => {
      try {
        return await client.send(new TransactWriteCommand({ TransactItems: items as never }));
      } catch (e) {
        if (n >= CONFLICT_RETRIES || !isTransactionConflict(e)) throw e;
        await sleep(Math.random() * CONFLICT_BACKOFF_MS * 2 ** n);
        return attempt(n + 1);
      }
    };
    return ResultAsync.fromPromise(attempt(0), (e) => e);
  };

  const load = (importId: string): ResultAsync<ImportStatus | undefined, Unavailable> =>
    ResultAsync.fromPromise(
      client.send(new GetCommand({ TableName, Key: importKey(importId), ConsistentRead: true })),
      toUnavailable,
    ).andThen(({ Item }) => (Item ? statusOf(Item) : ok(undefined)));
  const loadExisting = (importId: string) =>
    load(importId).andThen((status) => (status ? okAsync(status) : errAsync(importNotFound(importId))));

  return {
    create: ({ importId, objectKey, createdAt }) => {
      const status: ImportStatus = { importId, objectKey, createdAt, chunksDone: 0, placed: 0, rejected: 0 };
      return ResultAsync.fromPromise(
        client.send(
          new PutCommand({
            TableName,
            Item: { ...importKey(importId), type: 'Import', ...status },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
        (e) => e,
      )
        .map(() => status)
        .orElse((e) => (isConditionalCheckFailed(e) ? loadExisting(importId) : errAsync(toUnavailable(e))))
        .mapErr((e): Unavailable => (e.kind === 'ImportNotFound' ? unavailable(DEPENDENCY, 'import vanished') : e));
    },

    load,

    recordSplit: (importId, { chunks, rows }, events) =>
      transact([
        {
          Update: {
            TableName,
            Key: importKey(importId),
            UpdateExpression: 'SET #chunks = :chunks, #rows = :rows',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#chunks)',
            ExpressionAttributeNames: { '#chunks': 'chunks', '#rows': 'rows' },
            ExpressionAttributeValues: { ':chunks': chunks, ':rows': rows },
          },
        },
        ...outbox(events),
      ])
        // Already split (or absent): the first totals stand.
        .orElse((e) => (failedConditions(e)?.[0] ? okAsync(undefined) : errAsync(toUnavailable(e))))
        .andThen(() => loadExisting(importId)),

    recordChunk: (importId, result, events) =>
      transact([
        {
          Put: {
            TableName,
            Item: { ...chunkKey(importId, result.chunk), type: 'ImportChunk', ...result },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName,
            Key: importKey(importId),
            UpdateExpression: 'ADD #done :one, #placed :placed, #rejected :rejected',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#done': 'chunksDone', '#placed': 'placed', '#rejected': 'rejected' },
            ExpressionAttributeValues: { ':one': 1, ':placed': result.placed, ':rejected': result.rejected.length },
          },
        },
        ...outbox(events),
      ])
        .map(() => true)
        .orElse((e) => {
          const failed = failedConditions(e);
          if (failed?.[1]) return errAsync(importNotFound(importId));
          if (failed?.[0]) return okAsync(false); // this chunk was already in
          return errAsync(toUnavailable(e));
        })
        .andThen((recorded) => loadExisting(importId).map((status) => ({ recorded, status }))),

    chunkResults: (importId) => {
      const page = (start?: Record<string, unknown>): ResultAsync<ChunkResult[], Unavailable> =>
        ResultAsync.fromPromise(
          client.send(
            new QueryCommand({
              TableName,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :chunk)',
              ExpressionAttributeValues: { ':pk': importKey(importId).pk, ':chunk': 'CHUNK#' },
              ConsistentRead: true,
              ...(start && { ExclusiveStartKey: start }),
            }),
          ),
          toUnavailable,
        ).andThen(({ Items = [], LastEvaluatedKey }) => {
          const parsed = z
            .array(ChunkResult)
            .safeParse(Items.map((i) => ({ chunk: i.chunk, placed: i.placed, rejected: i.rejected })));
          if (!parsed.success) return errAsync(unavailable(DEPENDENCY, `stored chunk of ${importId} is invalid`));
          return LastEvaluatedKey
            ? page(LastEvaluatedKey).map((rest) => [...parsed.data, ...rest])
            : okAsync(parsed.data);
        });
      return page();
    },

    complete: (importId, { summaryKey, completedAt }, events) =>
      transact([
        {
          Update: {
            TableName,
            Key: importKey(importId),
            UpdateExpression: 'SET #summaryKey = :summaryKey, #completedAt = :completedAt',
            // The fan-in: only once, and only with every chunk in.
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#completedAt) AND #chunks = #done',
            ExpressionAttributeNames: {
              '#summaryKey': 'summaryKey',
              '#completedAt': 'completedAt',
              '#chunks': 'chunks',
              '#done': 'chunksDone',
            },
            ExpressionAttributeValues: { ':summaryKey': summaryKey, ':completedAt': completedAt },
          },
        },
        ...outbox(events),
      ])
        .map(() => true)
        .orElse((e) =>
          failedConditions(e)?.[0] ? loadExisting(importId).map(() => false) : errAsync(toUnavailable(e)),
        ),
  };
};
