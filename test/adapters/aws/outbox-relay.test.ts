import type { DynamoDBRecord } from 'aws-lambda';
import fc from 'fast-check';
import { errAsync, okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { createOutboxRelay } from '#adapters/dynamodb/outbox-relay.dynamodb.ts';
import type { EventPublisher } from '#app/ports/event-publisher.ts';
import type { EventEnvelope } from '#domain/events.ts';
import { placedEnvelope } from './fixtures.ts';

type Kind = 'outbox' | 'broken' | 'aggregate' | 'modify' | 'ttl-remove';

const record = (seq: number, kind: Kind): DynamoDBRecord => {
  const e = placedEnvelope(seq);
  const outboxImage = { pk: { S: `OUTBOX#${e.id}` }, sk: { S: 'OUTBOX' }, envelope: { S: JSON.stringify(e) } };
  const base = { eventSource: 'aws:dynamodb', dynamodb: { SequenceNumber: String(1000 + seq) } };
  switch (kind) {
    case 'outbox':
      return { ...base, eventName: 'INSERT', dynamodb: { ...base.dynamodb, NewImage: outboxImage } };
    case 'broken':
      return {
        ...base,
        eventName: 'INSERT',
        dynamodb: { ...base.dynamodb, NewImage: { ...outboxImage, envelope: { S: '{"id":"x"}' } } },
      };
    case 'aggregate':
      return { ...base, eventName: 'INSERT', dynamodb: { ...base.dynamodb, NewImage: { pk: { S: 'ORDER#o-1' } } } };
    case 'modify':
      return { ...base, eventName: 'MODIFY', dynamodb: { ...base.dynamodb, NewImage: outboxImage } };
    case 'ttl-remove':
      return { ...base, eventName: 'REMOVE', dynamodb: { ...base.dynamodb } };
  }
};

/** A publisher that records calls and fails the calls whose (0-based) number is in `failing`. */
const publisher = (failing: ReadonlySet<number> = new Set()) => {
  const calls: EventEnvelope[][] = [];
  const port: EventPublisher = {
    publish: (events) => {
      calls.push([...events]);
      return failing.has(calls.length - 1)
        ? errAsync({ kind: 'Unavailable', dependency: 'eventbridge', message: 'down' })
        : okAsync(undefined);
    },
  };
  return { port, calls };
};

describe('outbox relay (DynamoDB Streams → EventPublisher)', () => {
  it('publishes inserted outbox envelopes in stream order, in chunks, and skips every other record', async () => {
    const kinds: Kind[] = ['aggregate', 'outbox', 'modify', 'outbox', 'ttl-remove', ...Array<Kind>(10).fill('outbox')];
    const { port, calls } = publisher();
    const relay = createOutboxRelay({ publisher: port });
    const response = await relay({ Records: kinds.map((k, i) => record(i, k)) });
    expect(response).toEqual({ batchItemFailures: [] });
    expect(calls.map((c) => c.length)).toEqual([10, 2]);
    expect(calls.flat().map((e) => e.id)).toEqual(kinds.flatMap((k, i) => (k === 'outbox' ? [`evt-${i}`] : [])));
    expect(calls[0]?.[0]).toEqual(placedEnvelope(1));
  });

  it('stops at a failed publish and reports that chunk and everything after it, by sequence number', async () => {
    const { port, calls } = publisher(new Set([1]));
    const failures: string[] = [];
    const relay = createOutboxRelay({
      publisher: port,
      chunkSize: 2,
      onFailure: (f) => void failures.push(f.sequenceNumber),
    });
    const response = await relay({ Records: [0, 1, 2, 3, 4, 5].map((i) => record(i, 'outbox')) });
    expect(calls).toHaveLength(2);
    expect(response.batchItemFailures).toEqual(
      ['1002', '1003', '1004', '1005'].map((itemIdentifier) => ({ itemIdentifier })),
    );
    expect(failures).toEqual(['1002', '1003', '1004', '1005']);
  });

  it('stops at an outbox item that is not a valid envelope, after publishing what came before', async () => {
    const { port, calls } = publisher();
    const reasons: string[] = [];
    const relay = createOutboxRelay({ publisher: port, onFailure: (f) => void reasons.push(f.reason) });
    const response = await relay({ Records: [record(0, 'outbox'), record(1, 'broken'), record(2, 'outbox')] });
    expect(calls.flat().map((e) => e.id)).toEqual(['evt-0']);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '1001' }, { itemIdentifier: '1002' }]);
    expect(reasons[0]).toMatch(/invalid envelope/);
  });

  it('fails loudly on a record it could not report (no sequence number)', async () => {
    const relay = createOutboxRelay({ publisher: publisher().port });
    const bad = record(0, 'outbox');
    delete bad.dynamodb?.SequenceNumber;
    await expect(relay({ Records: [bad] })).rejects.toThrow(/SequenceNumber/);
  });

  it('for any stream batch and failures: published is a prefix, failures the rest, nothing lost or sent twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<Kind>('outbox', 'outbox', 'outbox', 'broken', 'aggregate', 'modify', 'ttl-remove'), {
          maxLength: 40,
        }),
        fc.uniqueArray(fc.nat(6), { maxLength: 3 }),
        fc.integer({ min: 1, max: 10 }),
        async (kinds, failingCalls, chunkSize) => {
          const { port, calls } = publisher(new Set(failingCalls));
          const relay = createOutboxRelay({ publisher: port, chunkSize });
          const response = await relay({ Records: kinds.map((k, i) => record(i, k)) });
          const relevant = kinds.flatMap((k, i) => (k === 'outbox' || k === 'broken' ? [String(1000 + i)] : []));
          const attempted = calls.flat().map((e) => String(1000 + Number(e.id.slice(4))));
          const failed = response.batchItemFailures.map((f) => f.itemIdentifier);
          const published = calls.slice(0, failingCalls.includes(calls.length - 1) ? -1 : undefined).flat();
          expect([...published.map((e) => String(1000 + Number(e.id.slice(4)))), ...failed]).toEqual(relevant);
          expect(new Set(attempted).size).toBe(attempted.length);
          for (const c of calls) expect(c.length).toBeLessThanOrEqual(chunkSize);
        },
      ),
      { numRuns: 200 },
    );
  });
});
