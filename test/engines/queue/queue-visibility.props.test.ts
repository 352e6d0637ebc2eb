import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createMemoryQueue } from '#adapters/memory/engines/queue.ts';
import type { MemoryQueue } from '#adapters/memory/engines/queue.types.ts';
import { createVirtualScheduler } from '#adapters/memory/engines/scheduler.virtual.ts';

const T0 = 1_700_000_000_000;

/** A queue on a clock the test sets freely, backwards too (the real scheduler reads the wall clock). */
const queueOnClock = (name = 'orders') => {
  const clock = { t: T0 };
  const scheduler = { ...createVirtualScheduler(T0), now: () => clock.t };
  const queue = createMemoryQueue({ name, scheduler, visibilityTimeoutSeconds: 3, messageRetentionSeconds: 1_209_600 });
  return { clock, queue: queue._unsafeUnwrap() };
};

type Op =
  | { kind: 'send'; delaySeconds: number }
  | { kind: 'receive'; max: number; visibilityTimeout: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'changeVisibility'; pick: number; seconds: number }
  | { kind: 'tick'; ms: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('send' as const), delaySeconds: fc.integer({ min: 0, max: 4 }) }),
  fc.record({
    kind: fc.constant('receive' as const),
    max: fc.integer({ min: 1, max: 3 }),
    visibilityTimeout: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('changeVisibility' as const),
    pick: fc.nat(),
    seconds: fc.integer({ min: 0, max: 5 }),
  }),
  // mostly forwards; now and then the wall clock steps back
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: -1500, max: 4000 }) }),
);

/** Handles in receive order, with the message each names. */
type Received = Array<{ handle: string; id: string }>;

const apply = (queue: MemoryQueue, clock: { t: number }, received: Received, o: Op) => {
  const handles = received.map((r) => r.handle);
  const pick = (n: number) => handles[n % handles.length];
  if (o.kind === 'send') queue.sendMessage({ body: 'x', delaySeconds: o.delaySeconds });
  else if (o.kind === 'receive')
    for (const m of queue
      .receiveMessages({ maxNumberOfMessages: o.max, visibilityTimeout: o.visibilityTimeout })
      ._unsafeUnwrap())
      received.push({ handle: m.ReceiptHandle!, id: m.MessageId! });
  else if (o.kind === 'delete' && handles.length > 0) queue.deleteMessage(pick(o.pick)!);
  else if (o.kind === 'changeVisibility' && handles.length > 0) queue.changeMessageVisibility(pick(o.pick)!, o.seconds);
  else if (o.kind === 'tick') clock.t += o.ms;
};

const hidden = (queue: MemoryQueue) => {
  const c = queue.counts();
  return c.inFlight + c.delayed;
};

describe('memory queue: nextVisibleAt', () => {
  test.prop([fc.array(op, { maxLength: 60 })])(
    'is the first instant a hidden message becomes visible: nothing changes before it, something at it',
    (ops) => {
      const { clock, queue } = queueOnClock();
      const received: Received = [];
      for (const o of ops) {
        apply(queue, clock, received, o);
        const now = clock.t;
        const at = queue.nextVisibleAt();
        const before = queue.counts();
        if (at === undefined) {
          expect(hidden(queue)).toBe(0);
          continue;
        }
        expect(at).toBeGreaterThan(now);
        clock.t = at - 1;
        expect(queue.counts()).toEqual(before);
        clock.t = at;
        expect(queue.counts().visible).toBeGreaterThan(before.visible);
        clock.t = now;
      }
    },
  );
});

describe('memory queue: receipt handles', () => {
  test.prop([fc.array(op, { maxLength: 60 }), fc.string({ maxLength: 12 })])(
    'each receive gets a new handle; only the latest deletes; stale ones do not; mangled or foreign ones are invalid',
    (ops, junk) => {
      const { clock, queue } = queueOnClock();
      const other = queueOnClock('orders-2').queue;
      const received: Received = [];
      for (const o of ops) apply(queue, clock, received, o.kind === 'delete' ? { kind: 'tick', ms: 0 } : o);
      const handles = received.map((r) => r.handle);
      expect(new Set(handles).size).toBe(handles.length);
      other.sendMessage({ body: 'y' });
      const foreign = other.receiveMessages()._unsafeUnwrap()[0]!.ReceiptHandle!;
      expect(queue.deleteMessage(foreign)._unsafeUnwrapErr().kind).toBe('ReceiptHandleIsInvalid');
      expect(queue.deleteMessage(junk).isErr()).toBe(true);
      for (const h of handles) {
        for (const mangled of [h.slice(0, h.lastIndexOf('.') + 1), h.slice(h.indexOf('.'))])
          expect(queue.deleteMessage(mangled).isErr()).toBe(true);
        expect(queue.deleteMessage(`${h}x`)._unsafeUnwrap()).toEqual({ deleted: false });
      }
      // the latest handle of each message is the last one received for it; earlier ones are stale
      const latest = received.slice().reverse();
      const deleted = latest.map((r) => queue.deleteMessage(r.handle)._unsafeUnwrap().deleted);
      const ids = latest.map((r) => r.id);
      expect(deleted).toEqual(ids.map((id, i) => ids.indexOf(id) === i));
      expect(queue.stats().deleted).toBe(new Set(ids).size);
    },
  );
});
