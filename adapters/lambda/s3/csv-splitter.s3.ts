import { createHash } from 'node:crypto';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import type { SplitImport } from '#app/imports/split-import.ts';
import { ConsumerError } from '../eventbridge/consumer-error.ts';

export type SplitterLog = Readonly<{
  info: (message: string, fields: Record<string, unknown>) => void;
  warn: (message: string, fields: Record<string, unknown>) => void;
}>;
const silent: SplitterLog = { info: () => {}, warn: () => {} };

/** S3 event keys are URL-encoded, with spaces as `+` (`imports/my+file%281%29.csv` is `imports/my file(1).csv`). */
export const objectKeyOf = (encoded: string): string => decodeURIComponent(encoded.replace(/\+/g, ' '));

/**
 * One import per object content: the file's base name (readable in logs and the summary's key) and a hash of key
 * and ETag. A repeated notification for the same upload is the same import; new content at the key is a new one.
 */
export const importIdOf = (key: string, eTag: string): string => {
  const base = (key.split('/').pop() ?? key)
    .replace(/\.csv$/i, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const hash = createHash('sha256').update(`${key}\n${eTag}`).digest('hex').slice(0, 16);
  return base ? `${base}-${hash}` : hash;
};

/**
 * S3 ObjectCreated → the splitter, one record at a time. An object deleted before we read it has nothing to import
 * (logged, not retried); any other failure throws, so Lambda's asynchronous retries (and then its on-failure
 * destination) take over. Splitting twice is harmless: the import id is stable and every step idempotent.
 */
export const csvSplitterS3 =
  (splitImport: SplitImport, log: SplitterLog = silent) =>
  async (event: S3Event): Promise<void> => {
    for (const record of event.Records) await splitOne(splitImport, log, record);
  };

const splitOne = async (splitImport: SplitImport, log: SplitterLog, record: S3EventRecord) => {
  const objectKey = objectKeyOf(record.s3.object.key);
  const importId = importIdOf(objectKey, record.s3.object.eTag ?? record.s3.object.sequencer);
  const ctx = {
    correlationId: `import-${importId}`,
    causationId: record.responseElements?.['x-amz-request-id'] || record.s3.object.sequencer || importId,
  };
  const result = await splitImport({ importId, objectKey }, ctx);
  if (result.isOk()) {
    log.info('import split', { ...result.value, objectKey });
    return;
  }
  const e = result.error;
  if (e.kind === 'ObjectNotFound') {
    log.warn('import object is gone, nothing to import', { importId, objectKey });
    return;
  }
  throw new ConsumerError(e.kind, JSON.stringify(e));
};
