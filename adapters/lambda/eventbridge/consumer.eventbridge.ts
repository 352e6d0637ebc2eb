import { fromEventBridgeEvent } from '#adapters/eventbridge/envelope.ts';
import type { Reaction } from '#app/reactions/once.ts';
import { ConsumerError } from './consumer-error.ts';

/**
 * An EventBridge rule's Lambda target: the event in, the reaction run, and any error value thrown as a named
 * error, so that Lambda's async retries and the rule's dead-letter queue (with the error as reason) take over.
 */
export const eventBridgeConsumer =
  (reaction: Reaction) =>
  async (event: unknown): Promise<void> => {
    const envelope = fromEventBridgeEvent(event);
    if (envelope.isErr()) throw new ConsumerError('ValidationFailed', JSON.stringify(envelope.error.issues));
    const result = await reaction(envelope.value);
    if (result.isErr()) throw new ConsumerError(result.error.kind, JSON.stringify(result.error));
  };
