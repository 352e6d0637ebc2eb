import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { z } from 'zod';
import { createOutboxRelay } from '#adapters/dynamodb/outbox-relay.dynamodb.ts';
import { createEventBridgePublisher } from '#adapters/eventbridge/event-publisher.eventbridge.ts';
import { recordDlqArrival } from '#adapters/lambda/observability/event-metrics.ts';
import { createObservability } from '#adapters/lambda/observability/observability.ts';
import { withObservability } from '#adapters/lambda/observability/with-observability.ts';
import { CommonEnv, parseEnv } from '../config/env.ts';

/** The outbox relay: DynamoDB Streams (OUTBOX# inserts) → PutEvents on the bus, failed records retried. */
const env = parseEnv(CommonEnv.extend({ EVENT_BUS_NAME: z.string().min(1) }), process.env);
const obs = createObservability({ serviceName: env.POWERTOOLS_SERVICE_NAME });
const publisher = createEventBridgePublisher({
  client: obs.traceClient(new EventBridgeClient({})),
  busName: env.EVENT_BUS_NAME,
});

export const handler = withObservability(
  'outbox-relay',
  createOutboxRelay({
    publisher,
    onFailure: (failure) => {
      obs.logger.error('outbox record not published', { ...failure });
      recordDlqArrival(obs.metrics);
    },
  }),
  { obs },
);
