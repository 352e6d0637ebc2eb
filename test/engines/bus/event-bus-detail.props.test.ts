import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { BusEvent } from '#adapters/memory/engines/event-bus.types.ts';
import { busWith, recordingTarget } from './bus.fixtures.ts';

/** Detail texts: JSON objects mostly, and the other JSON values and non-JSON PutEvents must refuse. */
const detailText = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 3 })).map((o) => JSON.stringify(o)),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 12 }),
);
const isObjectText = (text: string) => {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
};

describe('PutEvents: Detail', () => {
  test.prop([fc.array(detailText, { minLength: 1, maxLength: 10 })])(
    'an object Detail is accepted and delivered as parsed; an empty one is missing; anything else is MalformedDetail',
    async (texts) => {
      const { target, events } = recordingTarget('t', { now: () => 0 });
      const { bus, scheduler } = busWith([{ name: 'all', pattern: { source: ['app'] }, targets: [target] }]);
      const result = bus
        .putEvents(texts.map((Detail) => ({ Source: 'app', DetailType: 'Something Happened', Detail })))
        ._unsafeUnwrap();
      expect(result.Entries.map((e) => e.ErrorCode ?? 'ok')).toEqual(
        texts.map((t) => (t === '' ? 'InvalidArgument' : isObjectText(t) ? 'ok' : 'MalformedDetail')),
      );
      await scheduler.advanceBy(1000);
      const accepted = texts.filter(isObjectText);
      expect(events().map((e: BusEvent) => e.detail)).toEqual(accepted.map((t) => JSON.parse(t)));
    },
  );
});
