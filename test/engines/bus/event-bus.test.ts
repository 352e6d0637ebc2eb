import { describe, expect, it } from 'vitest';
import { entrySize } from '#adapters/memory/engines/event-bus.entries.ts';
import type { BusRule } from '#adapters/memory/engines/event-bus.types.ts';
import { busWith, entry, recordingTarget, T0 } from './bus.fixtures.ts';

describe('PutEvents: request limits', () => {
  it('accepts 1 to 10 entries, else a ValidationException for the whole call', () => {
    const { bus } = busWith();
    const many = (n: number) => Array.from({ length: n }, () => entry('app'));
    expect(bus.putEvents([])._unsafeUnwrapErr().kind).toBe('ValidationException');
    expect(bus.putEvents(many(11))._unsafeUnwrapErr().kind).toBe('ValidationException');
    expect(bus.putEvents(many(10))._unsafeUnwrap().FailedEntryCount).toBe(0);
    expect(bus.stats().eventsAccepted).toBe(10);
  });

  it('sizes entries as documented: UTF-8 bytes of Source, DetailType, Detail, Resources; Time = 14 bytes', () => {
    expect(entrySize({ Source: 'é', DetailType: 'ab', Detail: '{}' })).toBe(2 + 2 + 2);
    expect(entrySize({ Source: 'a', DetailType: 'b', Detail: '{}', Time: new Date(), Resources: ['r1', '€'] })).toBe(
      1 + 1 + 2 + 14 + 2 + 3,
    );
  });

  it('refuses a request whose entries total more than 256 KB', () => {
    const { bus } = busWith();
    const detail = (bytes: number) => `{"p":"${'x'.repeat(bytes - 8)}"}`; // 8 bytes of JSON around the padding
    const sized = (bytes: number) => ({ Source: 'a', DetailType: 'b', Detail: detail(bytes - 2) });
    expect(entrySize(sized(262_144))).toBe(262_144);
    expect(bus.putEvents([sized(262_144)]).isOk()).toBe(true);
    expect(bus.putEvents([sized(262_145)])._unsafeUnwrapErr()).toEqual({
      kind: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
    expect(bus.putEvents([sized(131_072), sized(131_073)]).isErr()).toBe(true);
  });
});

describe('PutEvents: per-entry results', () => {
  it('reports each invalid entry in place, with FailedEntryCount, and an EventId for the others', () => {
    const { bus } = busWith();
    const result = bus
      .putEvents([
        entry('app'),
        { DetailType: 'x', Detail: '{}' },
        { Source: 'app', Detail: '{}' },
        { Source: 'app', DetailType: 'x' },
        { Source: 'app', DetailType: 'x', Detail: '[1,2]' },
        { Source: 'app', DetailType: 'x', Detail: '{not json' },
        { ...entry('app'), EventBusName: 'payments' },
        { ...entry('app'), EventBusName: bus.arn },
      ])
      ._unsafeUnwrap();
    expect(result.FailedEntryCount).toBe(6);
    expect(result.Entries.map((e) => e.ErrorCode ?? 'ok')).toEqual([
      'ok',
      'InvalidArgument',
      'InvalidArgument',
      'InvalidArgument',
      'MalformedDetail',
      'MalformedDetail',
      'InvalidArgument',
      'ok',
    ]);
    expect(result.Entries[1]?.ErrorMessage).toBe(
      'Parameter Source is not valid. Reason: Source is a required argument.',
    );
    expect(result.Entries[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.Entries[1]?.EventId).toBeUndefined();
    expect(bus.stats()).toMatchObject({ eventsAccepted: 2, failedEntries: 6 });
  });
});

describe('routing', () => {
  const setup = () => {
    const env = busWith();
    const orders = recordingTarget('orders', env.scheduler);
    const audit = recordingTarget('audit', env.scheduler);
    const payments = recordingTarget('payments', env.scheduler);
    const rules: BusRule[] = [
      { name: 'Orders', pattern: { source: ['orderly.orders'] }, targets: [orders.target, audit.target] },
      {
        name: 'Payments',
        pattern: { source: ['orderly.payments'], detail: { amount: [{ numeric: ['>', 100] }] } },
        targets: [payments.target],
      },
    ];
    for (const rule of rules) env.bus.putRule(rule)._unsafeUnwrap();
    return { ...env, orders, audit, payments };
  };

  it('builds the EventBridge event and delivers it asynchronously to every target of every matching rule', async () => {
    const env = setup();
    const time = new Date(T0 + 1234);
    const put = env.bus
      .putEvents([entry('orderly.orders', { orderId: 'o1' }, { Time: time, Resources: ['arn:aws:x:1'] })])
      ._unsafeUnwrap();
    expect(env.orders.calls).toEqual([]); // PutEvents returns before targets run
    await env.scheduler.runUntilIdle();
    expect(env.orders.events()).toEqual([
      {
        version: '0',
        id: put.Entries[0]?.EventId,
        'detail-type': 'Something Happened',
        source: 'orderly.orders',
        account: '123456789012',
        time: '2024-01-01T00:00:01Z',
        region: 'us-east-1',
        resources: ['arn:aws:x:1'],
        detail: { orderId: 'o1' },
      },
    ]);
    expect(env.audit.events()).toEqual(env.orders.events());
    expect(env.payments.calls).toEqual([]);
  });

  it('routes only to rules whose pattern matches', async () => {
    const env = setup();
    env.bus.putEvents([
      entry('orderly.payments', { amount: 50 }),
      entry('orderly.payments', { amount: 150 }),
      entry('orderly.inventory'),
    ]);
    await env.scheduler.runUntilIdle();
    expect(env.payments.events().map((e) => e.detail)).toEqual([{ amount: 150 }]);
    expect(env.orders.calls).toEqual([]);
    expect(env.bus.stats()).toMatchObject({ eventsAccepted: 3, matched: 1, delivered: 1 });
  });

  it('adds, replaces, disables and removes rules at runtime', async () => {
    const env = setup();
    const late = recordingTarget('late', env.scheduler);
    env.bus
      .putRule({ name: 'Inventory', pattern: { source: ['orderly.inventory'] }, targets: [late.target] })
      ._unsafeUnwrap();
    env.bus.putEvents([entry('orderly.inventory')]);
    env.bus.removeRule('Orders')._unsafeUnwrap();
    env.bus.putEvents([entry('orderly.orders')]);
    env.bus.putRule({
      name: 'Inventory',
      pattern: { source: ['orderly.inventory'] },
      targets: [late.target],
      state: 'DISABLED',
    });
    env.bus.putEvents([entry('orderly.inventory')]);
    await env.scheduler.runUntilIdle();
    expect(late.calls).toHaveLength(1);
    expect(env.orders.calls).toEqual([]);
    expect(env.bus.ruleNames().sort()).toEqual(['Inventory', 'Payments']);
    expect(env.bus.removeRule('Orders')._unsafeUnwrapErr().kind).toBe('ResourceNotFoundException');
  });

  it('refuses invalid rules and keeps the previous rule set', async () => {
    const env = setup();
    const bad = env.bus.putRule({ name: 'Bad', pattern: { source: 'not-an-array' }, targets: [] });
    expect(bad._unsafeUnwrapErr().kind).toBe('InvalidEventPatternException');
    const six = Array.from({ length: 6 }, (_, i) => recordingTarget(`t${i}`, env.scheduler).target);
    expect(env.bus.putRule({ name: 'Wide', pattern: { source: ['x'] }, targets: six })._unsafeUnwrapErr().kind).toBe(
      'LimitExceededException',
    );
    expect(env.bus.putRule({ name: 'bad name!', pattern: { source: ['x'] }, targets: [] }).isErr()).toBe(true);
    env.bus.putEvents([entry('orderly.orders')]);
    await env.scheduler.runUntilIdle();
    expect(env.orders.calls).toHaveLength(1);
  });

  it('applies a target’s input transform', async () => {
    const env = busWith();
    const t = recordingTarget('t', env.scheduler, () => {}, {
      inputTransform: (e) => ({ id: e.id, kind: e['detail-type'] }),
    });
    env.bus.putRule({ name: 'All', pattern: { source: [{ prefix: '' }] }, targets: [t.target] });
    const id = env.bus.putEvents([entry('a')])._unsafeUnwrap().Entries[0]?.EventId;
    await env.scheduler.runUntilIdle();
    expect(t.calls.map((c) => c.input)).toEqual([{ id, kind: 'Something Happened' }]);
  });
});
