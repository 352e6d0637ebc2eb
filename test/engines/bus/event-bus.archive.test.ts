import { describe, expect, it } from 'vitest';
import { busWith, entry, recordingTarget, T0 } from './bus.fixtures.ts';

const DAY = 86_400_000;

/** Bus with two rules (orders, payments), an unfiltered and a filtered archive, and events at t = 0, 10, 20, 30 s. */
const setup = async () => {
  const env = busWith();
  const orders = recordingTarget('orders', env.scheduler);
  const payments = recordingTarget('payments', env.scheduler);
  env.bus.putRule({ name: 'Orders', pattern: { source: ['orders'] }, targets: [orders.target] })._unsafeUnwrap();
  env.bus.putRule({ name: 'Payments', pattern: { source: ['payments'] }, targets: [payments.target] })._unsafeUnwrap();
  const all = env.bus.createArchive({ name: 'all', retentionDays: 0 })._unsafeUnwrap();
  const big = env.bus
    .createArchive({ name: 'big', eventPattern: { detail: { amount: [{ numeric: ['>=', 100] }] } }, retentionDays: 1 })
    ._unsafeUnwrap();
  const put = async (source: string, amount: number) => {
    env.bus.putEvents([entry(source, { amount })]);
    await env.scheduler.advanceBy(10_000);
  };
  await put('orders', 5);
  await put('payments', 150);
  await put('orders', 500);
  await put('other', 1000);
  await env.scheduler.runUntilIdle();
  return { ...env, orders, payments, all, big };
};

describe('archives', () => {
  it('record every accepted event with its archive time; a pattern filters what is kept', async () => {
    const env = await setup();
    env.bus.putEvents([{ Source: 'orders', DetailType: 'x', Detail: 'not json' }]); // failed entries are not archived
    expect(env.all.events().map((e) => [e.archivedAt - T0, e.event.source])).toEqual([
      [0, 'orders'],
      [10_000, 'payments'],
      [20_000, 'orders'],
      [30_000, 'other'],
    ]);
    expect(env.big.events().map((e) => e.event.detail)).toEqual([{ amount: 150 }, { amount: 500 }, { amount: 1000 }]);
  });

  it('drop events past their retention (0 days = indefinitely)', async () => {
    const env = await setup();
    await env.scheduler.advanceBy(DAY);
    expect(env.big.events()).toEqual([]);
    expect(env.all.events()).toHaveLength(4);
  });

  it('refuse a duplicate name or an invalid pattern', async () => {
    const env = await setup();
    expect(env.bus.createArchive({ name: 'all' })._unsafeUnwrapErr().kind).toBe('ResourceAlreadyExistsException');
    expect(env.bus.createArchive({ name: 'x', eventPattern: { source: 'nope' } })._unsafeUnwrapErr().kind).toBe(
      'InvalidEventPatternException',
    );
  });
});

describe('replay', () => {
  it('re-sends the archived events of the window to the rules, tagged with replay-name, and reports completion', async () => {
    const env = await setup();
    const originals = env.orders.events();
    const replay = env.bus
      .startReplay({ name: 'r1', archive: 'all', from: T0 + 5_000, to: new Date(T0 + 30_000) })
      ._unsafeUnwrap();
    expect(replay.state()).toBe('RUNNING');
    await env.scheduler.runUntilIdle();
    expect(await replay.done).toEqual({ name: 'r1', state: 'COMPLETED', eventsReplayed: 2 });
    expect(env.payments.events().map((e) => e['replay-name'])).toEqual([undefined, 'r1']);
    expect(env.orders.events()).toEqual([...originals, { ...originals[1], 'replay-name': 'r1' }]);
    expect(env.all.events()).toHaveLength(4); // replayed events are not archived again
  });

  it('sends only to the chosen rules', async () => {
    const env = await setup();
    env.bus.startReplay({ name: 'r', archive: 'all', from: T0, to: T0 + DAY, rules: ['Payments'] })._unsafeUnwrap();
    await env.scheduler.runUntilIdle();
    expect(env.orders.calls).toHaveLength(2);
    expect(env.payments.calls).toHaveLength(2);
  });

  it('replays from a filtered archive and goes through the normal retry path', async () => {
    const env = await setup();
    let failOnce = true;
    const flaky = recordingTarget('flaky', env.scheduler, () => {
      if (failOnce) {
        failOnce = false;
        throw new Error('flaky');
      }
    });
    env.bus.putRule({ name: 'Big', pattern: { source: ['other'] }, targets: [flaky.target] })._unsafeUnwrap();
    const replay = env.bus.startReplay({ name: 'big', archive: 'big', from: T0, to: T0 + DAY })._unsafeUnwrap();
    await env.scheduler.runUntilIdle();
    expect((await replay.done).eventsReplayed).toBe(3);
    expect(flaky.events().map((e) => [e.source, e['replay-name']])).toEqual([
      ['other', 'big'],
      ['other', 'big'],
    ]);
  });

  it('validates its request', async () => {
    const env = await setup();
    const start = (o: Partial<Parameters<typeof env.bus.startReplay>[0]>) =>
      env.bus.startReplay({ name: 'r', archive: 'all', from: T0, to: T0 + 1, ...o });
    expect(start({ archive: 'nope' })._unsafeUnwrapErr().kind).toBe('ResourceNotFoundException');
    expect(start({ from: T0 + 1, to: T0 + 1 })._unsafeUnwrapErr().kind).toBe('ValidationException');
    expect(start({ rules: ['Nope'] })._unsafeUnwrapErr().kind).toBe('ResourceNotFoundException');
    start({})._unsafeUnwrap();
    expect(start({})._unsafeUnwrapErr().kind).toBe('ResourceAlreadyExistsException');
  });

  it('can be cancelled before it has sent everything', async () => {
    const env = await setup();
    for (let i = 0; i < 30; i++) env.bus.putEvents([entry('orders', { i })]);
    await env.scheduler.runUntilIdle();
    const before = env.orders.calls.length;
    const replay = env.bus.startReplay({ name: 'r', archive: 'all', from: T0, to: T0 + DAY })._unsafeUnwrap();
    await env.scheduler.advanceBy(0, { maxSteps: 1 });
    replay.cancel();
    await env.scheduler.runUntilIdle();
    const report = await replay.done;
    expect(report.state).toBe('CANCELLED');
    expect(report.eventsReplayed).toBe(10);
    // the first chunk (10 archived events) held 8 orders events; nothing after it was sent
    expect(env.orders.calls.length - before).toBe(8);
  });
});
