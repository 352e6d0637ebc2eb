import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { err, ok, ResultAsync } from 'neverthrow';
import { z } from 'zod';
import { unavailable } from '#app/errors.ts';
import type { ApprovalTokens } from '#app/ports/approval-tokens.ts';
import { approvalKey } from './keys.ts';
import { DEPENDENCY, toUnavailable } from './sdk-errors.ts';
import { epochSeconds, systemClock, type TableConfig } from './transact.ts';

export type ApprovalTokensConfig = TableConfig &
  Readonly<{
    /** A task token is useless once its workflow gave up waiting; keep it a little longer than that wait. */
    ttlSeconds?: number;
  }>;

const TokenItem = z.object({ taskToken: z.string().min(1), expiresAt: z.number() });

/** Task tokens of workflows waiting for an approval, as `APPROVAL#<orderId>` items with a TTL. */
export const createDynamoApprovalTokens = (config: ApprovalTokensConfig): ApprovalTokens => {
  const { client, tableName: TableName } = config;
  const clock = config.clock ?? systemClock;
  const ttlSeconds = config.ttlSeconds ?? 8 * 24 * 60 * 60;
  return {
    put: (orderId, taskToken) =>
      ResultAsync.fromPromise(
        client.send(
          new PutCommand({
            TableName,
            Item: {
              ...approvalKey(orderId),
              type: 'ApprovalToken',
              taskToken,
              expiresAt: epochSeconds(clock()) + ttlSeconds,
            },
          }),
        ),
        toUnavailable,
      ).map(() => undefined),

    get: (orderId) =>
      ResultAsync.fromPromise(
        client.send(new GetCommand({ TableName, Key: approvalKey(orderId), ConsistentRead: true })),
        toUnavailable,
      ).andThen(({ Item }) => {
        if (!Item) return ok(undefined);
        const parsed = TokenItem.safeParse(Item);
        if (!parsed.success) return err(unavailable(DEPENDENCY, `stored approval token of ${orderId} is invalid`));
        // TTL deletion is lazy: an expired token is gone as far as callers are concerned.
        return ok(parsed.data.expiresAt < epochSeconds(clock()) ? undefined : parsed.data.taskToken);
      }),

    remove: (orderId) =>
      ResultAsync.fromPromise(
        client.send(new DeleteCommand({ TableName, Key: approvalKey(orderId) })),
        toUnavailable,
      ).map(() => undefined),
  };
};
