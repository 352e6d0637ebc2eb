import { eventOrigins } from '#domain/event-origins.ts';
import type { DomainEvent, EventEnvelope } from '#domain/events.ts';
import type { CommandContext } from './context.ts';
import type { Clock } from './ports/clock.ts';
import type { NewId } from './ports/id-generator.ts';

export type Envelopes = (ctx: CommandContext, events: readonly DomainEvent[]) => EventEnvelope[];

/** Wraps domain events with their id, source, version, time and the correlation of the command. */
export const createEnvelopes =
  ({ newId, clock }: { newId: NewId; clock: Clock }): Envelopes =>
  (ctx, events) =>
    events.map((data) => ({
      id: newId(),
      type: data.type,
      source: eventOrigins[data.type].source,
      version: eventOrigins[data.type].version,
      time: clock().toISOString(),
      correlationId: ctx.correlationId,
      causationId: ctx.causationId,
      data,
    }));
