import { eventBridgeConsumer } from '#adapters/lambda/eventbridge/consumer.eventbridge.ts';
import { recordEventMetrics } from '#adapters/lambda/observability/event-metrics.ts';
import type { Observability } from '#adapters/lambda/observability/observability.ts';
import { withObservability } from '#adapters/lambda/observability/with-observability.ts';
import { sqsConsumer } from '#adapters/lambda/sqs/consumer.sqs.ts';
import type { Reaction } from '#app/reactions/once.ts';
import { buildReaction } from '../../container/reactions.ts';
import { cancelOrderModule } from '../../container/use-cases/cancel-order.module.ts';
import { sagaStepsModule } from '../../container/use-cases/saga-steps.module.ts';
import type { ConsumerName } from '../../topology/names.ts';
import { queues } from '../../topology/queues.ts';
import { createLambdaRuntime } from '../runtime.ts';

/** Each record's correlation goes on every log line it causes; analytics also turns events into metrics. */
const observed =
  (obs: Observability, name: ConsumerName, reaction: Reaction): Reaction =>
  (event) => {
    obs.logger.setCorrelationId(event.correlationId);
    obs.logger.appendKeys({ causation_id: event.causationId, event_id: event.id, event_type: event.type });
    if (name === 'record-analytics') recordEventMetrics(obs.metrics, event.data);
    return reaction(event);
  };

/**
 * One consumer function of the topology: fed by a queue (SQS batch, partial batch responses) when the topology
 * gives it one, else by an EventBridge rule directly (async invoke; a throw is retried, then dead-lettered).
 */
export const consumerEntry = (name: ConsumerName) => {
  const { obs, container } = createLambdaRuntime([sagaStepsModule, cancelOrderModule]);
  const reaction = observed(obs, name, buildReaction(container, name));
  const fedByQueue = queues.some((q) => q.consumer?.name === name);
  return fedByQueue
    ? withObservability(name, sqsConsumer(reaction), { obs })
    : withObservability(name, eventBridgeConsumer(reaction), { obs });
};
