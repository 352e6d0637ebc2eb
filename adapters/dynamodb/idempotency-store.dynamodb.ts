import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { err, errAsync, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import { z } from 'zod';
import type { IdempotencyKeyReused, RequestInProgress, Unavailable } from '#app/errors.ts';
import { unavailable } from '#app/errors.ts';
import {
  IDEMPOTENCY_LEASE_MS,
  IDEMPOTENCY_TTL_SECONDS,
  type IdempotencyClaim,
  type IdempotencyStore,
} from '#app/ports/idempotency-store.ts';
import { idempotencyKey } from './keys.ts';
import { DEPENDENCY, isConditionalCheckFailed, toUnavailable } from './sdk-errors.ts';
import { epochSeconds, systemClock, type TableConfig } from './transact.ts';

export type IdempotencyStoreConfig = TableConfig &
  Readonly<{
    /** A claim older than this is presumed abandoned (its worker crashed) and may be taken over. */
    leaseMs?: number;
    /** How long a key is remembered; DynamoDB TTL deletes it some time after. */
    ttlSeconds?: number;
  }>;

const Record_ = z.object({
  fingerprint: z.string(),
  status: z.enum(['claimed', 'completed']),
  claimedAt: z.number(),
  expiresAt: z.number(),
  result: z.string().optional(),
});

const names = {
  '#status': 'status',
  '#fingerprint': 'fingerprint',
  '#claimedAt': 'claimedAt',
  '#expiresAt': 'expiresAt',
};

type ClaimError = IdempotencyKeyReused | RequestInProgress | Unavailable;

/**
 * Idempotency records as `IDEMPOTENCY#<key>` items. `claim` is one conditional put that succeeds when the key
 * is new, expired (TTL deletion is lazy, so expiry is checked here), or held by a stale claim with the same
 * fingerprint. When the put fails, a consistent read says why: another fingerprint, a finished result, or
 * work still in progress.
 */
export const createDynamoIdempotencyStore = (config: IdempotencyStoreConfig): IdempotencyStore => {
  const { client, tableName: TableName } = config;
  const clock = config.clock ?? systemClock;
  const leaseMs = config.leaseMs ?? IDEMPOTENCY_LEASE_MS;
  const ttlSeconds = config.ttlSeconds ?? IDEMPOTENCY_TTL_SECONDS;

  const existing = (key: string, fingerprint: string): ResultAsync<IdempotencyClaim | undefined, ClaimError> =>
    ResultAsync.fromPromise(
      client.send(new GetCommand({ TableName, Key: idempotencyKey(key), ConsistentRead: true })),
      toUnavailable,
    ).andThen(({ Item }) => (Item ? explain(key, fingerprint, Item, clock().getTime(), leaseMs) : ok(undefined)));

  const claim = (key: string, fingerprint: string, attempt = 0): ResultAsync<IdempotencyClaim, ClaimError> => {
    const now = clock();
    return ResultAsync.fromPromise(
      client.send(
        new PutCommand({
          TableName,
          Item: {
            ...idempotencyKey(key),
            type: 'Idempotency',
            fingerprint,
            status: 'claimed',
            claimedAt: now.getTime(),
            expiresAt: epochSeconds(now) + ttlSeconds,
          },
          ConditionExpression:
            'attribute_not_exists(pk) OR #expiresAt < :now OR ' +
            '(#status = :claimed AND #fingerprint = :fingerprint AND #claimedAt < :staleBefore)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':now': epochSeconds(now),
            ':claimed': 'claimed',
            ':fingerprint': fingerprint,
            ':staleBefore': now.getTime() - leaseMs,
          },
        }),
      ),
      (e) => e,
    )
      .map((): IdempotencyClaim => ({ status: 'claimed' }))
      .orElse((e) => {
        if (!isConditionalCheckFailed(e)) return errAsync<IdempotencyClaim, ClaimError>(toUnavailable(e));
        // An expired record or a stale claim reads as "absent" here, and so does one released since our
        // put: claim again (the condition now lets us through), a bounded number of times.
        return existing(key, fingerprint).andThen((found) =>
          found
            ? okAsync<IdempotencyClaim, ClaimError>(found)
            : attempt < 2
              ? claim(key, fingerprint, attempt + 1)
              : errAsync<IdempotencyClaim, ClaimError>(
                  unavailable(DEPENDENCY, `idempotency key ${key} keeps changing`),
                ),
        );
      });
  };

  return {
    claim: (key, fingerprint) => claim(key, fingerprint),

    complete: (key, result) => {
      const now = clock();
      const json = JSON.stringify(result);
      return (
        ResultAsync.fromPromise(
          client.send(
            new UpdateCommand({
              TableName,
              Key: idempotencyKey(key),
              UpdateExpression:
                json === undefined
                  ? 'SET #status = :completed, #expiresAt = :expiresAt REMOVE #result'
                  : 'SET #status = :completed, #expiresAt = :expiresAt, #result = :result',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: { '#status': 'status', '#expiresAt': 'expiresAt', '#result': 'result' },
              ExpressionAttributeValues: {
                ':completed': 'completed',
                ':expiresAt': epochSeconds(now) + ttlSeconds,
                ...(json !== undefined && { ':result': json }),
              },
            }),
          ),
          (e) => e,
        )
          .map(() => undefined)
          // No claim to complete (released, or expired and swept): nothing to remember, as in the memory adapter.
          .orElse((e) => (isConditionalCheckFailed(e) ? ok(undefined) : err(toUnavailable(e))))
      );
    },

    release: (key) =>
      ResultAsync.fromPromise(
        client.send(
          new DeleteCommand({
            TableName,
            Key: idempotencyKey(key),
            // Only an unfinished claim is given up; a completed result stays remembered.
            ConditionExpression: '#status = :claimed',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':claimed': 'claimed' },
          }),
        ),
        (e) => e,
      )
        .map(() => undefined)
        .orElse((e) => (isConditionalCheckFailed(e) ? ok(undefined) : err(toUnavailable(e)))),
  };
};

const explain = (
  key: string,
  fingerprint: string,
  item: Record<string, unknown>,
  nowMs: number,
  leaseMs: number,
): Result<IdempotencyClaim | undefined, ClaimError> => {
  const parsed = Record_.safeParse(item);
  if (!parsed.success) return err(unavailable(DEPENDENCY, `stored idempotency record ${key} is invalid`));
  const stored = parsed.data;
  if (stored.expiresAt * 1000 < nowMs) return ok(undefined); // expired: as good as absent
  if (stored.fingerprint !== fingerprint) return err({ kind: 'IdempotencyKeyReused', key });
  if (stored.status === 'completed') {
    return ok({ status: 'completed', result: stored.result === undefined ? undefined : JSON.parse(stored.result) });
  }
  return stored.claimedAt < nowMs - leaseMs ? ok(undefined) : err({ kind: 'RequestInProgress', key });
};
