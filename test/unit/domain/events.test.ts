import { describe, expect, it } from 'vitest';
import { EventEnvelope, eventCatalog, eventJsonSchemas, eventTypes } from '#domain/events.ts';

describe('event catalog', () => {
  it('exports a JSON Schema for every event type', () => {
    const schemas = eventJsonSchemas();
    expect(Object.keys(schemas).sort()).toEqual([...eventTypes].sort());
    for (const type of eventTypes) {
      expect(schemas[type]).toMatchObject({ type: 'object', properties: { type: { const: type } } });
    }
  });

  it('names a source by context for every event', () => {
    for (const type of eventTypes)
      expect(eventCatalog[type].source).toMatch(/^orderly\.(orders|inventory|payments|imports)$/);
  });

  it('rejects an envelope whose data does not match its type, naming the field', () => {
    const parsed = EventEnvelope.safeParse({
      id: 'e-1',
      type: 'StockReleased',
      source: 'orderly.inventory',
      version: 1,
      time: '2026-01-01T00:00:00.000Z',
      correlationId: 'c',
      causationId: 'c',
      data: { type: 'StockReleased', orderId: 'o-1', lines: [] },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('data.lines');
  });
});

describe('event envelope parsing', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'refuses the type "%s" as unknown instead of reading Object.prototype',
    (type) => {
      const parsed = EventEnvelope.safeParse({
        id: 'e-1',
        type,
        source: 'orderly.orders',
        version: 1,
        time: '2026-01-01T00:00:00.000Z',
        correlationId: 'c',
        causationId: 'c',
        data: { type },
      });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain('type');
    },
  );
});
