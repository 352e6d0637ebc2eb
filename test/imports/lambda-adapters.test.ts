import type { SQSEvent } from 'aws-lambda';
import { errAsync, okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { csvSplitterS3, importIdOf, objectKeyOf } from '#adapters/lambda/s3/csv-splitter.s3.ts';
import { placeImportedOrderTask } from '#adapters/lambda/sfn/place-imported-order.task.ts';
import { importChunksSqs } from '#adapters/lambda/sqs/import-chunks.sqs.ts';
import { rowRejected } from '#app/imports/place-imported-order.ts';
import type { ProcessChunk } from '#app/imports/process-chunk.ts';
import type { SplitImport, SplitImportInput } from '#app/imports/split-import.ts';
import { objectCreatedEvent } from '#infra/local/imports.local.ts';
import { sqsRecord } from '#test/fixtures/events/sqs-events.ts';

const record = (messageId: string, body: string, attributes: Record<string, string> = {}) =>
  sqsRecord({ messageId, body, attributes, receiveCount: 2, queue: 'import-chunks' });

describe('import-chunks SQS handler', () => {
  it('processes each record with its correlation; failures, poison included, come back as batch item failures', async () => {
    const calls: unknown[] = [];
    const processChunk: ProcessChunk = (message, ctx) => {
      calls.push({ message, ctx });
      const m = message as { chunk?: number };
      if (m.chunk === 1) return errAsync({ kind: 'Unavailable', dependency: 'sfn', message: 'down' });
      if (m.chunk === 2) return errAsync({ kind: 'ValidationFailed', issues: [{ path: 'rows', message: 'bad' }] });
      return okAsync({
        importId: 'i',
        message: 0,
        placed: 1,
        rejected: 0,
        recorded: true,
        finalized: 'pending' as const,
      });
    };
    const logged: { message: string; fields: Record<string, unknown> }[] = [];
    const handler = importChunksSqs(processChunk, { warn: (message, fields) => logged.push({ message, fields }) });
    const event: SQSEvent = {
      Records: [
        record('m0', '{"chunk":0}', { correlationId: 'corr-1', causationId: 'cause-1' }),
        record('m1', '{"chunk":1}'),
        record('m2', '{"chunk":2}'),
        record('m3', 'not json {'),
      ],
    };
    const response = await handler(event);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toStrictEqual(['m1', 'm2', 'm3']);
    expect(calls[0]).toStrictEqual({ message: { chunk: 0 }, ctx: { correlationId: 'corr-1', causationId: 'cause-1' } });
    expect(calls[1]).toMatchObject({ ctx: { correlationId: 'm1', causationId: 'm1' } });
    expect(calls.length).toBe(3); // the body that is not JSON never reaches the use case
    const byMessage = [...logged].sort((a, b) => String(a.fields.messageId).localeCompare(String(b.fields.messageId)));
    expect(byMessage.map((l) => [l.fields.messageId, l.fields.kind, l.message.startsWith('poison')])).toStrictEqual([
      ['m1', 'Unavailable', false],
      ['m2', 'ValidationFailed', true],
      ['m3', 'ValidationFailed', true],
    ]);
    expect(byMessage[2]?.fields).toMatchObject({ receiveCount: 2, reason: 'the body is not JSON' });
  });
});

describe('csv-splitter S3 handler', () => {
  it('decodes S3 keys (+ is a space, %XX escapes) and keeps slashes', () => {
    expect(objectKeyOf('imports/my+file%281%29.csv')).toBe('imports/my file(1).csv');
    expect(objectKeyOf('imports/caf%C3%A9+%2B+bar.csv')).toBe('imports/café + bar.csv');
    const event = objectCreatedEvent('imports/2026 Q1/café + bar.csv', 'x', new Date(0));
    expect(objectKeyOf(event.Records[0]?.s3.object.key ?? '')).toBe('imports/2026 Q1/café + bar.csv');
  });

  it('one import id per object content: stable for a repeated notification, new for new content', () => {
    const a = importIdOf('imports/orders 2026.csv', 'etag-1');
    expect(a).toMatch(/^orders-2026-[0-9a-f]{16}$/);
    expect(importIdOf('imports/orders 2026.csv', 'etag-1')).toBe(a);
    expect(importIdOf('imports/orders 2026.csv', 'etag-2')).not.toBe(a);
    expect(importIdOf('imports/other/orders 2026.csv', 'etag-1')).not.toBe(a);
    expect(importIdOf('imports/.csv', 'e')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('splits each object of the event, ignores an object already gone, throws on anything else', async () => {
    const seen: SplitImportInput[] = [];
    const outcomes = [
      okAsync({ importId: 'x', chunks: 1, rows: 1 }),
      errAsync({ kind: 'ObjectNotFound' as const, key: 'k' }),
      errAsync({ kind: 'Unavailable' as const, dependency: 's3', message: 'slow down' }),
    ];
    const splitImport: SplitImport = (input) => {
      seen.push(input);
      return outcomes[seen.length - 1] as never;
    };
    const handler = csvSplitterS3(splitImport);
    const event = (key: string) => objectCreatedEvent(key, key, new Date(0));
    await handler(event('imports/a b.csv'));
    await handler(event('imports/gone.csv'));
    await expect(handler(event('imports/c.csv'))).rejects.toMatchObject({ name: 'Unavailable' });
    expect(seen.map((s) => s.objectKey)).toStrictEqual(['imports/a b.csv', 'imports/gone.csv', 'imports/c.csv']);
    expect(seen[0]?.importId).toMatch(/^a-b-/);
  });
});

describe('place-imported-order task', () => {
  const input = { importId: 'i', meta: { correlationId: 'c', causationId: 'x' }, row: { row: 4, fields: {} } };

  it('returns the placed row, throws RowRejected with the reason, or the transient kind', async () => {
    const task = (result: unknown) => placeImportedOrderTask(() => result as never);
    expect(await task(okAsync({ row: 4, orderId: 'o' }))(input)).toStrictEqual({ row: 4, orderId: 'o' });
    await expect(task(errAsync(rowRejected(4, 'sku: unknown SKU')))(input)).rejects.toMatchObject({
      name: 'RowRejected',
      message: 'sku: unknown SKU',
    });
    await expect(task(errAsync({ kind: 'VersionConflict', id: 'o' }))(input)).rejects.toMatchObject({
      name: 'VersionConflict',
    });
    await expect(task(okAsync({}))({ importId: 'i' })).rejects.toMatchObject({ name: 'ValidationFailed' });
  });
});
