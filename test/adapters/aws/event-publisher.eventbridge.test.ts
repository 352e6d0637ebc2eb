import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  fromEventBridgeEvent,
  MAX_ENTRY_BYTES,
  putEventsEntrySize,
  toPutEventsEntry,
} from '#adapters/eventbridge/envelope.ts';
import { createEventBridgePublisher } from '#adapters/eventbridge/event-publisher.eventbridge.ts';
import { awsError, fakeAws, placedEnvelope, recordingSleep } from './fixtures.ts';

const eventBridge = mockClient(EventBridgeClient);
const client = new EventBridgeClient(fakeAws);
const busName = 'orderly-bus';

const sentBatches = () =>
  eventBridge.commandCalls(PutEventsCommand).map((c) => (c.args[0].input.Entries ?? []) as PutEventsRequestEntry[]);
const idsOf = (entries: readonly PutEventsRequestEntry[]) =>
  entries.map((e) => JSON.parse(e.Detail ?? '{}').metadata.id as string);
const okFor = (n: number) => ({
  FailedEntryCount: 0,
  Entries: Array.from({ length: n }, (_, i) => ({ EventId: `e${i}` })),
});

describe('EventBridge publisher (PutEvents request contract)', () => {
  let sleep: ReturnType<typeof recordingSleep>;
  beforeEach(() => {
    eventBridge.reset();
    sleep = recordingSleep();
  });
  const publisher = (maxAttempts = 4) =>
    createEventBridgePublisher({ client, busName, retry: { sleep: sleep.sleep, random: () => 1, maxAttempts } });

  it('maps an envelope to exactly one entry: Source, DetailType, Time, bus and the {metadata, data} detail', async () => {
    eventBridge.on(PutEventsCommand).resolves(okFor(1));
    const e = placedEnvelope(1);
    expect((await publisher().publish([e])).isOk()).toBe(true);
    expect(sentBatches()).toEqual([
      [
        {
          EventBusName: busName,
          Source: 'orderly.orders',
          DetailType: 'OrderPlaced',
          Time: new Date('2026-01-01T10:00:00.123Z'),
          Detail: JSON.stringify({
            metadata: {
              id: 'evt-1',
              version: 1,
              correlationId: 'corr-1',
              causationId: 'req-1',
              occurredAt: '2026-01-01T10:00:00.123Z',
            },
            data: e.data,
          }),
        },
      ],
    ]);
  });

  it('reads back what a target receives as the same envelope (the inverse mapping)', () => {
    const e = placedEnvelope(2);
    const entry = toPutEventsEntry(e, busName);
    const received = {
      version: '0',
      id: 'eb-1',
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: '123456789012',
      time: '2026-01-01T10:00:00Z',
      region: 'eu-west-1',
      resources: [],
      detail: JSON.parse(entry.Detail ?? ''),
    };
    expect(fromEventBridgeEvent(received)._unsafeUnwrap()).toEqual(e);
    const tampered = { ...received, detail: { ...received.detail, data: { ...received.detail.data, lines: [] } } };
    expect(fromEventBridgeEvent(tampered)._unsafeUnwrapErr().kind).toBe('ValidationFailed');
  });

  it('sends 25 events as 3 calls of 10, 10 and 5, in order', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input) => okFor(input.Entries.length));
    const events = Array.from({ length: 25 }, (_, i) => placedEnvelope(i));
    expect((await publisher().publish(events)).isOk()).toBe(true);
    expect(sentBatches().map((b) => b.length)).toEqual([10, 10, 5]);
    expect(sentBatches().flatMap(idsOf)).toEqual(events.map((e) => e.id));
  });

  it('also splits by the 256 KB request size', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input) => okFor(input.Entries.length));
    const events = Array.from({ length: 10 }, (_, i) => placedEnvelope(i, 60_000));
    expect((await publisher().publish(events)).isOk()).toBe(true);
    const batches = sentBatches();
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    for (const b of batches)
      expect(b.reduce((n, e) => n + putEventsEntrySize(e), 0)).toBeLessThanOrEqual(MAX_ENTRY_BYTES);
  });

  it('refuses an entry over 256 KB locally, never sends it, and still sends the others', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input) => okFor(input.Entries.length));
    const big = placedEnvelope(99, MAX_ENTRY_BYTES);
    const result = await publisher().publish([placedEnvelope(1), big, placedEnvelope(2)]);
    expect(result._unsafeUnwrapErr()).toMatchObject({
      kind: 'Unavailable',
      dependency: 'eventbridge',
      failures: [{ eventId: 'evt-99', type: 'OrderPlaced', code: 'EntryTooLarge' }],
    });
    expect(sentBatches().flatMap(idsOf)).toEqual(['evt-1', 'evt-2']);
  });

  it('counts size as AWS documents it: 14 bytes of Time plus UTF-8 bytes of Source, DetailType, Detail, Resources', () => {
    const entry = { Time: new Date(), Source: 'ß', DetailType: 'T', Detail: '{"é":1}', Resources: ['arn:x'] };
    expect(putEventsEntrySize(entry)).toBe(14 + 2 + 1 + 8 + 5);
    expect(putEventsEntrySize({ Source: 's', DetailType: 'd' })).toBe(2);
  });

  it('re-sends only the entries a response reports as failed (FailedEntryCount = 2)', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({
        FailedEntryCount: 2,
        Entries: [
          { EventId: 'a' },
          { ErrorCode: 'InternalFailure', ErrorMessage: 'oops' },
          { EventId: 'c' },
          { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' },
        ],
      })
      .resolves(okFor(2));
    const events = [1, 2, 3, 4].map((i) => placedEnvelope(i));
    expect((await publisher().publish(events)).isOk()).toBe(true);
    const [first, second] = sentBatches();
    expect(idsOf(first!)).toEqual(['evt-1', 'evt-2', 'evt-3', 'evt-4']);
    expect(second).toEqual([first![1], first![3]]);
    expect(sleep.delays).toEqual([100]);
  });

  it('gives up after the last attempt with a typed error naming the events, backing off exponentially', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] });
    const result = await publisher(4).publish([placedEnvelope(7)]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(4);
    expect(sleep.delays).toEqual([100, 200, 400]);
    const error = result._unsafeUnwrapErr();
    expect(error.failures).toEqual([
      { eventId: 'evt-7', type: 'OrderPlaced', code: 'InternalFailure', message: 'InternalFailure (after 4 attempts)' },
    ]);
    expect(error.message).toContain('evt-7');
  });

  it('does not retry an entry error no retry can fix', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'MalformedDetail' }] });
    const result = await publisher().publish([placedEnvelope(8)]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(1);
    expect(result._unsafeUnwrapErr().failures[0]?.code).toBe('MalformedDetail');
  });

  it('retries a throttled call, then succeeds', async () => {
    eventBridge.on(PutEventsCommand).rejectsOnce(awsError('ThrottlingException', 'Rate exceeded')).resolves(okFor(2));
    expect((await publisher().publish([placedEnvelope(1), placedEnvelope(2)])).isOk()).toBe(true);
    const [first, second] = sentBatches();
    expect(second).toEqual(first);
  });

  it('does not retry a call refused for good (AccessDenied) and reports every entry of it', async () => {
    eventBridge.on(PutEventsCommand).rejects(awsError('AccessDeniedException', 'no'));
    const result = await publisher().publish([placedEnvelope(1), placedEnvelope(2)]);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(1);
    expect(result._unsafeUnwrapErr().failures.map((f) => [f.eventId, f.code])).toEqual([
      ['evt-1', 'AccessDeniedException'],
      ['evt-2', 'AccessDeniedException'],
    ]);
  });

  it('for any events and any per-entry failures that clear in time: each event lands exactly once, ≤ 10 per call', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 35 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 35, maxLength: 35 }),
        async (count, failuresPerEvent) => {
          eventBridge.reset();
          const left = new Map<string, number>();
          const delivered: string[] = [];
          eventBridge.on(PutEventsCommand).callsFake((input: { Entries: PutEventsRequestEntry[] }) => {
            expect(input.Entries.length).toBeLessThanOrEqual(10);
            const results = idsOf(input.Entries).map((id) => {
              const n = left.get(id) ?? 0;
              if (n > 0) {
                left.set(id, n - 1);
                return { ErrorCode: 'ThrottlingException' };
              }
              delivered.push(id);
              return { EventId: id };
            });
            return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
          });
          const events = Array.from({ length: count }, (_, i) => placedEnvelope(i));
          for (const [i, e] of events.entries()) left.set(e.id, failuresPerEvent[i] ?? 0);
          expect((await publisher(4).publish(events)).isOk()).toBe(true);
          expect([...delivered].sort()).toEqual(events.map((e) => e.id).sort());
        },
      ),
      { numRuns: 60 },
    );
  });
});
