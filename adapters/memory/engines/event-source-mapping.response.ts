/** What the mapping does with a finished batch. */
export type BatchOutcome =
  | { kind: 'AllSucceeded' }
  | { kind: 'PartialFailure'; failed: ReadonlySet<string> }
  | { kind: 'BatchFailed'; reason: string };

export type Invocation = { threw: true; error: unknown } | { threw: false; value: unknown };

const errorText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/**
 * Lambda's partial batch response rules for SQS. Complete success: no response, an empty or null
 * `batchItemFailures`. Complete failure: a throw, or any itemIdentifier that is empty, null, under a
 * wrong key, or not a message of this batch. Without ReportBatchItemFailures the response is ignored.
 * A response that is not an object (or a non-array `batchItemFailures`) cannot be a valid
 * SQSBatchResponse: it is treated as a complete failure so no message is deleted on a guess.
 */
export const interpretResponse = (
  invocation: Invocation,
  messageIds: readonly string[],
  reportBatchItemFailures: boolean,
): BatchOutcome => {
  if (invocation.threw) return { kind: 'BatchFailed', reason: errorText(invocation.error) };
  const { value } = invocation;
  if (!reportBatchItemFailures || value === null || value === undefined) return { kind: 'AllSucceeded' };
  if (typeof value !== 'object' || Array.isArray(value))
    return { kind: 'BatchFailed', reason: 'Invalid batch response: not an object' };
  const failures = (value as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return { kind: 'AllSucceeded' };
  if (!Array.isArray(failures))
    return { kind: 'BatchFailed', reason: 'Invalid batch response: batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'AllSucceeded' };
  const inBatch = new Set(messageIds);
  const failed = new Set<string>();
  for (const item of failures) {
    const id: unknown =
      typeof item === 'object' && item !== null ? (item as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== 'string' || id === '' || !inBatch.has(id))
      return { kind: 'BatchFailed', reason: `Invalid batchItemFailures itemIdentifier: ${JSON.stringify(id ?? null)}` };
    failed.add(id);
  }
  return { kind: 'PartialFailure', failed };
};
