import { type Unavailable, unavailable, type VersionConflict } from '#app/errors.ts';

export const DEPENDENCY = 'dynamodb';

export const errorName = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'name' in e && typeof e.name === 'string' ? e.name : undefined;

export const isConditionalCheckFailed = (e: unknown): boolean => errorName(e) === 'ConditionalCheckFailedException';

export const toUnavailable = (cause: unknown): Unavailable => unavailable(DEPENDENCY, cause);

type CancellationReason = Readonly<{ Code?: string | undefined; Message?: string | undefined }>;

const reasonsOf = (e: unknown): readonly CancellationReason[] | undefined =>
  errorName(e) === 'TransactionCanceledException' &&
  typeof e === 'object' &&
  e !== null &&
  'CancellationReasons' in e &&
  Array.isArray(e.CancellationReasons)
    ? (e.CancellationReasons as CancellationReason[])
    : undefined;

/**
 * A cancelled transaction lists one reason per item, in request order. A failed version condition on an
 * aggregate is the optimistic-concurrency loss the caller retries after a reload. Anything else (a concurrent
 * transaction, an item over 400 KB, throttling, an event id stored twice) is Unavailable, naming the item.
 * `names[i]` names the i-th transaction item; the first `aggregates` items are versioned aggregates.
 */
export const transactionError =
  (names: readonly string[], aggregates: number) =>
  (e: unknown): VersionConflict | Unavailable => {
    const reasons = reasonsOf(e);
    if (!reasons) return toUnavailable(e);
    const conflict = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
    if (conflict >= 0 && conflict < aggregates) return { kind: 'VersionConflict', id: names[conflict] ?? '' };
    const detail = reasons
      .flatMap((r, i) =>
        r.Code && r.Code !== 'None' ? [`${names[i]}: ${r.Code}${r.Message ? ` (${r.Message})` : ''}`] : [],
      )
      .join('; ');
    return unavailable(DEPENDENCY, `transaction cancelled: ${detail || errorMessage(e)}`);
  };

const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));
