import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { compileRules } from '#adapters/eventbridge/patterns/event-patterns.ts';
import { createMemoryEventBus, type EventBusOptions } from '#adapters/memory/engines/event-bus.ts';
import type { BusEvent, BusRule, BusTarget, DeadLetterMessage } from '#adapters/memory/engines/event-bus.types.ts';
import { createVirtualScheduler } from '#adapters/memory/engines/scheduler.virtual.ts';

export const T0 = Date.UTC(2024, 0, 1);

export const entry = (
  source: string,
  detail: Record<string, unknown> = {},
  more: Partial<PutEventsRequestEntry> = {},
) => ({
  Source: source,
  DetailType: 'Something Happened',
  Detail: JSON.stringify(detail),
  ...more,
});

/** A target recording what it received, when, and what reached its dead-letter queue. */
export const recordingTarget = (
  id: string,
  scheduler: { now: () => number },
  behaviour: (input: unknown, attempt: number) => void = () => {},
  extra: Partial<BusTarget> = {},
) => {
  const calls: Array<{ at: number; input: unknown }> = [];
  const deadLetters: DeadLetterMessage[] = [];
  const target: BusTarget = {
    id,
    invoke: async (input) => {
      calls.push({ at: scheduler.now() - T0, input });
      behaviour(input, calls.length);
    },
    deadLetter: (m) => {
      deadLetters.push(m);
    },
    ...extra,
  };
  return { target, calls, deadLetters, events: () => calls.map((c) => c.input as BusEvent) };
};

export const busWith = (rules: BusRule[] = [], options: Partial<EventBusOptions> = {}) => {
  const scheduler = createVirtualScheduler(T0);
  const bus = createMemoryEventBus({
    name: 'orders',
    compile: compileRules,
    scheduler,
    rules,
    random: () => 0.5,
    ...options,
  })._unsafeUnwrap();
  return { scheduler, bus };
};

export const failing = (name = 'Error', message = 'target unavailable') => {
  const e = new Error(message);
  e.name = name;
  return e;
};
