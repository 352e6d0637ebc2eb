import { ContainerModule } from 'inversify';
import { okAsync } from 'neverthrow';
import { compileRules } from '#adapters/eventbridge/patterns/event-patterns.ts';
import { eventBridgeConsumer } from '#adapters/lambda/eventbridge/consumer.eventbridge.ts';
import { sqsConsumer } from '#adapters/lambda/sqs/consumer.sqs.ts';
import { createMemoryEventBus } from '#adapters/memory/engines/event-bus.ts';
import type { BusTarget, DeadLetterMessage, MemoryEventBus } from '#adapters/memory/engines/event-bus.types.ts';
import {
  createEventSourceMapping,
  type EventSourceMapping,
  type SqsBatchHandler,
} from '#adapters/memory/engines/event-source-mapping.ts';
import { createMemoryQueue } from '#adapters/memory/engines/queue.ts';
import type { MemoryQueue } from '#adapters/memory/engines/queue.types.ts';
import { pauseOn, type Scheduler } from '#adapters/memory/engines/scheduler.ts';
import { createBusPublisher } from '#adapters/memory/event-publisher.bus.ts';
import { createMemoryAnalytics, createMemoryNotifier } from '#adapters/memory/notifier.memory.ts';
import { createInProcessSagaFlow } from '#adapters/memory/order-flow.saga.ts';
import { buildContainer } from '../container/container.ts';
import { createMemoryAdapters, type MemoryOptions, memoryModule } from '../container/memory.module.ts';
import { buildReactions } from '../container/reactions.ts';
import { TOKENS } from '../container/tokens.ts';
import { type EventRuleDef, rulesFor } from '../topology/event-rules.ts';
import { BUS_NAME, type OrderFlowMode, type QueueName } from '../topology/names.ts';
import { queues as queueDefs } from '../topology/queues.ts';
import { localSaga } from './saga.local.ts';

export type LocalSystemOptions = Readonly<{
  mode: OrderFlowMode;
  scheduler: Scheduler;
  memory?: MemoryOptions;
  /** Real seconds per saga second (0.001 in tests: a 1 s retry takes 1 ms; 1 in `npm start`). */
  sagaTimeScale?: number;
  approvalTimeoutSeconds?: number;
  /** Finished saga executions kept with their history (all by default; a long-running server keeps a window). */
  retainFinishedExecutions?: number;
  /** Fault injection for the model tests: wrap ports, rule-target deliveries and queue consumers. */
  faults?: LocalFaults;
}>;

export type LocalFaults = Readonly<{
  port?: <T extends object>(name: string, port: T) => T;
  delivery?: (targetId: string, invoke: (event: unknown) => Promise<void>) => (event: unknown) => Promise<void>;
  consumer?: (name: string, handler: SqsBatchHandler) => SqsBatchHandler;
}>;

const must = <T, E extends { message: string }>(r: { isOk(): boolean; value?: T; error?: E }, what: string): T => {
  if (!r.isOk()) throw new Error(`${what}: ${(r as { error: E }).error.message}`); // topology data that AWS would refuse is a bug
  return (r as { value: T }).value;
};

/**
 * The whole system in one process: memory adapters behind the same use cases, the outbox relayed onto an
 * in-process EventBridge bus with the topology's rules, SQS-like queues with their DLQs and event-source
 * mappings, and the order saga's ASL on the local interpreter. Tests run it on virtual time, `npm start` on real time.
 */
export const createLocalSystem = (options: LocalSystemOptions) => {
  const { scheduler, mode } = options;
  // Conflict backoff waits on the engines' scheduler: virtual time in tests, wall-clock time in `npm start`.
  const adapters = createMemoryAdapters({ pause: pauseOn(scheduler), ...options.memory });
  const notifications = createMemoryNotifier();
  const analytics = createMemoryAnalytics();
  let saga: ReturnType<typeof createInProcessSagaFlow> | undefined;
  const noFlow = { start: () => okAsync(undefined) }; // choreography: rules route OrderPlaced, nothing to start
  const noCallbacks = { succeed: () => okAsync(undefined), fail: () => okAsync(undefined) };

  const port = options.faults?.port ?? (<T extends object>(_: string, p: T) => p);
  const ports = {
    ...adapters,
    orders: port('orders', adapters.orders),
    stock: port('stock', adapters.stock),
    payments: port('payments', adapters.payments),
    provider: port('payment-provider', adapters.provider),
    idempotency: port('idempotency', adapters.idempotency),
    approvals: port('approvals', adapters.approvals),
  };
  const container = buildContainer(
    memoryModule(ports),
    new ContainerModule(({ bind }) => {
      bind(TOKENS.orderFlow).toDynamicValue(() => port('order-flow', saga?.flow ?? noFlow));
      bind(TOKENS.callbacks).toDynamicValue(() => port('workflow-callbacks', saga?.callbacks ?? noCallbacks));
      bind(TOKENS.notifier).toConstantValue(notifications.notifier);
      bind(TOKENS.analytics).toConstantValue(analytics.analytics);
    }),
  );
  if (mode === 'orchestration') {
    saga = createInProcessSagaFlow({
      ...localSaga(container),
      scheduler,
      waitTimeScale: options.sagaTimeScale ?? 0.001,
      approvalTimeoutSeconds: options.approvalTimeoutSeconds ?? 86_400,
      ...(options.retainFinishedExecutions !== undefined && { retainFinished: options.retainFinishedExecutions }),
    });
  }
  const reactions = buildReactions(container);

  const bus: MemoryEventBus = must(
    createMemoryEventBus({ name: BUS_NAME, compile: compileRules, scheduler }),
    'event bus',
  );

  const queues = new Map<QueueName, MemoryQueue>();
  for (const def of [...queueDefs].sort((a, b) => Number(!!a.deadLetterQueue) - Number(!!b.deadLetterQueue))) {
    const deadLetterQueue = def.deadLetterQueue ? queues.get(def.deadLetterQueue) : undefined;
    const queue = must(
      createMemoryQueue({
        name: def.name,
        scheduler,
        visibilityTimeoutSeconds: def.visibilityTimeoutSeconds,
        ...(deadLetterQueue && def.maxReceiveCount && { deadLetterQueue, maxReceiveCount: def.maxReceiveCount }),
      }),
      `queue ${def.name}`,
    );
    queues.set(def.name, queue);
  }
  const queue = (name: QueueName) => queues.get(name)!;

  // A queue whose consumer is not an event reaction (import chunks) has its handler plugged in afterwards.
  const plugged = new Map<QueueName, SqsBatchHandler>();
  const pluggable =
    (name: QueueName, fallback: SqsBatchHandler): SqsBatchHandler =>
    (event) =>
      (plugged.get(name) ?? fallback)(event);
  const mappings: EventSourceMapping[] = queueDefs.flatMap((def) =>
    def.consumer
      ? [
          must(
            createEventSourceMapping({
              queue: queue(def.name),
              scheduler,
              handler: (options.faults?.consumer ?? ((_, h) => h))(
                def.consumer.name,
                pluggable(def.name, sqsConsumer(reactions[def.consumer.name])),
              ),
              batchSize: def.consumer.batchSize,
              maximumBatchingWindowSeconds: def.consumer.maximumBatchingWindowSeconds,
              maximumConcurrency: def.consumer.maximumConcurrency,
              reportBatchItemFailures: true,
            }),
            `event source mapping ${def.name}`,
          ),
        ]
      : [],
  );

  // A rule target's dead-letter message carries EventBridge's failure attributes, as in AWS.
  const deadLetter = (rule: EventRuleDef) => (m: DeadLetterMessage) => {
    queue(rule.deadLetterQueue).sendMessage({
      body: JSON.stringify(m.event),
      messageAttributes: {
        ERROR_CODE: { DataType: 'String', StringValue: m.errorCode },
        ERROR_MESSAGE: { DataType: 'String', StringValue: m.errorMessage.slice(0, 1000) || '(none)' },
        RULE_ARN: { DataType: 'String', StringValue: `${bus.arn.replace(':event-bus/', ':rule/')}/${m.ruleName}` },
        TARGET_ARN: { DataType: 'String', StringValue: m.targetId },
      },
    });
  };
  const targetOf = (rule: EventRuleDef): BusTarget => {
    const invoke =
      rule.target.kind === 'function'
        ? eventBridgeConsumer(reactions[rule.target.name])
        : async (event: unknown) => {
            must(queue((rule.target as { name: QueueName }).name).sendMessage({ body: JSON.stringify(event) }), 'send');
          };
    const delivered = options.faults?.delivery?.(rule.target.name, invoke) ?? invoke;
    return { id: rule.target.name, invoke: delivered, retryPolicy: rule.retryPolicy, deadLetter: deadLetter(rule) };
  };
  for (const rule of rulesFor(mode)) {
    must(
      bus.putRule({ name: rule.name, pattern: { ...rule.pattern }, targets: [targetOf(rule)] }),
      `rule ${rule.name}`,
    );
  }

  // The outbox relay: committed events are published after the write; a failed publish is retried later.
  const publisher = port('publisher', createBusPublisher(bus));
  let relayScheduled = false;
  const relay = (delayMs: number) => {
    if (relayScheduled) return;
    relayScheduled = true;
    scheduler.schedule(delayMs, async () => {
      relayScheduled = false;
      const { failed } = await adapters.outbox.drain(publisher);
      if (failed > 0 || adapters.outbox.pending().length > 0) relay(failed > 0 ? 1_000 : 0);
    });
  };
  adapters.outbox.onAppend(() => relay(0));

  return {
    mode,
    container,
    adapters,
    bus,
    queues,
    saga,
    notifications,
    analytics,
    /** True when the saga has nothing running (everything finished or waiting for a human). */
    sagaQuiet: () => saga?.quiet() ?? true,
    /** Plugs the consumer of a queue whose messages are not events (see infrastructure/local/imports.local.ts). */
    setQueueHandler: (name: QueueName, handler: SqsBatchHandler) => void plugged.set(name, handler),
    /**
     * Operations' redrive: queue messages go back to their source queue (StartMessageMoveTask); events a rule
     * could not deliver go back onto the bus (consumers dedupe on the envelope id, so others see no twin).
     */
    redriveDeadLetters: () => redrive(queue('event-delivery-dlq'), bus),
    stop: async () => {
      await Promise.all(mappings.map((m) => m.stop()));
      saga?.stop();
    },
  };
};
export type LocalSystem = ReturnType<typeof createLocalSystem>;

const redrive = (dlq: MemoryQueue, bus: MemoryEventBus) => {
  let fromRules = 0;
  const fromQueues: string[] = [];
  for (;;) {
    const batch = dlq.receiveMessages({ maxNumberOfMessages: 10, visibilityTimeout: 300 });
    if (batch.isErr() || batch.value.length === 0) break;
    for (const m of batch.value) {
      if (!m.MessageAttributes?.RULE_ARN) {
        fromQueues.push(m.ReceiptHandle ?? '');
        continue;
      }
      const event = JSON.parse(m.Body ?? '{}') as { source: string; 'detail-type': string; detail: unknown };
      bus.putEvents([{ Source: event.source, DetailType: event['detail-type'], Detail: JSON.stringify(event.detail) }]);
      dlq.deleteMessage(m.ReceiptHandle ?? '');
      fromRules++;
    }
  }
  for (const handle of fromQueues) dlq.changeMessageVisibility(handle, 0);
  const moved = dlq.startMessageMoveTask();
  return { fromRules, fromQueues: fromQueues.length, moveTask: moved.isOk() ? moved.value : undefined };
};
