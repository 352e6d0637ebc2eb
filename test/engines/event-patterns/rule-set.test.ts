import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRules, validatePattern } from '#adapters/eventbridge/patterns/event-patterns.ts';

describe('compileRules', () => {
  it('names matching rules in the order the rules were given', () => {
    const rules = compileRules({
      z: { source: ['s'] },
      a: { source: [{ prefix: '' }] },
      m: { source: ['t'] },
      b: { $or: [{ source: ['s'] }, { x: [1] }] },
    })._unsafeUnwrap();
    expect(rules.names).toEqual(['z', 'a', 'm', 'b']);
    expect(rules.matchingRules({ source: 's', x: 1 })).toEqual(['z', 'a', 'b']);
    expect(rules.matchingRules('{"source": "t"}')).toEqual(['a', 'm']);
  });

  it('matches nothing for events that are not JSON objects', () => {
    const rules = compileRules({ any: { a: [{ exists: false }] } })._unsafeUnwrap();
    expect(rules.matchingRules({})).toEqual(['any']);
    for (const event of ['[]', 'not json', '42', null, [], 'null']) expect(rules.matchingRules(event)).toEqual([]);
  });

  it('reports the first invalid rule by name', () => {
    const result = compileRules({ good: { a: ['x'] }, bad: { a: [{ Prefix: 'x' }] } });
    expect(result.isErr()).toBe(true);
    if (result.isErr()) {
      expect(result.error.message).toMatch(/^Rule "bad": Invalid event pattern at a\[0\]: unknown operator "Prefix"/);
      expect(result.error.path).toBe('bad: a[0]');
    }
  });

  it('accepts validated patterns and JSON text alike', () => {
    const pattern = validatePattern({ a: [1] })._unsafeUnwrap();
    const rules = compileRules({ p: pattern, t: '{"a": [1]}' })._unsafeUnwrap();
    expect(rules.matchingRules({ a: 1 })).toEqual(['p', 't']);
  });

  it('shares conditions between rules without mixing them up', () => {
    const rules = compileRules({
      r1: { source: ['s'], n: [{ numeric: ['>', 5] }] },
      r2: { source: ['s'], n: [{ numeric: ['>', 5] }], m: ['x'] },
      r3: { source: ['s'], n: [{ numeric: ['<=', 5] }] },
    })._unsafeUnwrap();
    expect(rules.matchingRules({ source: 's', n: 6 })).toEqual(['r1']);
    expect(rules.matchingRules({ source: 's', n: 6, m: 'x' })).toEqual(['r1', 'r2']);
    expect(rules.matchingRules({ source: 's', n: 5, m: 'x' })).toEqual(['r3']);
  });

  it('is reusable: no state leaks from one event to the next', () => {
    const rules = compileRules({
      r: { lines: { a: [1], b: [2] } },
      q: { lines: { a: [{ exists: false }] } },
    })._unsafeUnwrap();
    expect(rules.matchingRules({ lines: [{ a: 1, b: 2 }] })).toEqual(['r']);
    expect(rules.matchingRules({ lines: [{ a: 1 }, { b: 2 }] })).toEqual([]);
    expect(rules.matchingRules({ lines: [] })).toEqual(['q']);
    expect(rules.matchingRules({ lines: [{ a: 1, b: 2 }] })).toEqual(['r']);
  });
});

// The shared benchmark workload states what event-ruler matched on it; the same figures are a strong check of
// the whole engine (every operator, arrays of objects, $or). Skipped where shared/ is not laid out beside the repo.
const workload = join(dirname(fileURLToPath(import.meta.url)), '../../../../shared/bench/eventbridge');

const hasWorkload = existsSync(join(workload, 'events-10000.ndjson'));
if (!hasWorkload) console.warn(`shared EventBridge workload not found at ${workload}: its figures are not checked`);

describe.skipIf(!hasWorkload)('shared EventBridge workload', () => {
  // Read lazily: a skipped describe still runs its body at collection time.
  let events: string[] = [];
  beforeAll(() => {
    events = readFileSync(join(workload, 'events-10000.ndjson'), 'utf8').split('\n').filter(Boolean);
  });
  it.each([
    { n: 1, share: '19.4', perEvent: '0.19' },
    { n: 30, share: '73.1', perEvent: '1.62' },
    { n: 300, share: '99.9', perEvent: '15.49' },
  ])(
    'with $n rules matches what event-ruler matched ($share % of events, $perEvent rules per event)',
    ({ n, share, perEvent }) => {
      const rules = JSON.parse(readFileSync(join(workload, `rules-${n}.json`), 'utf8')) as {
        name: string;
        pattern: unknown;
      }[];
      const ruleSet = compileRules(Object.fromEntries(rules.map((r) => [r.name, r.pattern])))._unsafeUnwrap();
      let matched = 0;
      let total = 0;
      for (const event of events) {
        const names = ruleSet.matchingRules(event);
        if (names.length > 0) matched++;
        total += names.length;
      }
      expect(((matched / events.length) * 100).toFixed(1)).toBe(share);
      expect((total / events.length).toFixed(2)).toBe(perEvent);
    },
  );
});
