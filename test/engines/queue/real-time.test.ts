import { describe, expect, it } from 'vitest';
import { compileRules } from '#adapters/eventbridge/patterns/event-patterns.ts';
import { createMemoryEventBus } from '#adapters/memory/engines/event-bus.ts';
import { createEventSourceMapping } from '#adapters/memory/engines/event-source-mapping.ts';
import { createMemoryQueue } from '#adapters/memory/engines/queue.ts';
import { createRealScheduler } from '#adapters/memory/engines/scheduler.ts';

// The local runtime's wiring: bus → queue → event-source mapping on wall-clock time; idle() must mean "all done".
describe('engines on the real scheduler', () => {
  it('carry events from the bus through a queue to a consumer, then report quiescence', async () => {
    const scheduler = createRealScheduler();
    const queue = createMemoryQueue({ name: 'work', scheduler })._unsafeUnwrap();
    let failuresLeft = 2;
    const bus = createMemoryEventBus({
      name: 'local',
      compile: compileRules,
      scheduler,
      backoff: { baseDelayMs: 2, maxDelayMs: 10 },
      rules: [
        {
          name: 'ToQueue',
          pattern: { source: ['app'] },
          targets: [
            {
              id: 'queue',
              invoke: async (event) => {
                if (failuresLeft-- > 0) throw new Error('transient');
                queue.sendMessage({ body: JSON.stringify(event) })._unsafeUnwrap();
              },
            },
          ],
        },
      ],
    })._unsafeUnwrap();
    const seen: string[] = [];
    const mapping = createEventSourceMapping({
      queue,
      scheduler,
      handler: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        for (const r of event.Records) seen.push(JSON.parse(r.body).detail.n);
      },
    })._unsafeUnwrap();

    bus.putEvents([{ Source: 'app', DetailType: 't', Detail: '{"n":"one"}' }]);
    await scheduler.idle();
    expect(seen).toEqual(['one']);
    expect(bus.stats()).toMatchObject({ delivered: 1, retried: 2 });
    expect(queue.counts()).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    expect(scheduler.failures()).toEqual([]);
    await mapping.stop();
  });
});
