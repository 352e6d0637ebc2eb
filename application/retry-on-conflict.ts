import { errAsync, type ResultAsync } from 'neverthrow';

/**
 * Optimistic concurrency: when another writer won the race, load and decide again.
 * After `attempts` losses the VersionConflict goes to the caller, who may retry later.
 */
export const retryOnConflict = <T, E extends { kind: string }>(
  attempt: () => ResultAsync<T, E>,
  attempts = 5,
): ResultAsync<T, E> =>
  attempt().orElse((e) =>
    e.kind === 'VersionConflict' && attempts > 1 ? retryOnConflict(attempt, attempts - 1) : errAsync(e),
  );
