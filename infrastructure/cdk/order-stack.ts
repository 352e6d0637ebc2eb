import { Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { METRIC_NAMESPACE, metricCatalog } from '#adapters/lambda/observability/metric-names.ts';
import { eventRules } from '#infra/topology/event-rules.ts';
import { SAGA_NAME } from '#infra/topology/names.ts';
import { queues as queueDefs } from '#infra/topology/queues.ts';
import type { OrderlyConfig } from './config.ts';
import { DataStores } from './constructs/data-stores.ts';
import { EventRouting } from './constructs/event-routing.ts';
import { OrderlyHttpApi } from './constructs/http-api.ts';
import { LambdaFunctions } from './constructs/lambda-functions.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { acknowledgeNagFindings } from './constructs/nag-acknowledgments.ts';
import { Queues } from './constructs/queues.ts';
import { SchemaRegistry } from './constructs/schema-registry.ts';
import { wireCsvImports, wireOutboxRelay } from './constructs/stream-and-imports.ts';
import { Workflow } from './constructs/workflow.ts';
import {
  AUTHORIZER,
  CSV_SPLITTER,
  functionSpecs,
  httpRoutes,
  IMPORT_CHUNK_PROCESSOR,
  OUTBOX_RELAY,
  pascal,
} from './functions.ts';
import { workflowSpecs } from './workflows.ts';

export type OrderStackProps = StackProps & Readonly<{ config: OrderlyConfig }>;

/** Every DLQ the topology names: queue redrive targets and rule-target DLQs (each gets a depth alarm). */
export const deadLetterQueueNames = (): string[] =>
  [
    ...new Set([...queueDefs.flatMap((q) => q.deadLetterQueue ?? []), ...eventRules.map((r) => r.deadLetterQueue)]),
  ].sort();

/**
 * Orderly in one stack, built from the same data the local runtime reads: topology (rules, queues), ASL files,
 * the table shape, the metric catalog. Environment-agnostic unless `env` is passed, so synth needs no account.
 */
export class OrderStack extends Stack {
  readonly functions: LambdaFunctions;
  readonly saga: Workflow;

  constructor(scope: Construct, id: string, props: OrderStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetention = config.logRetentionDays as logs.RetentionDays;
    const data = new DataStores(this, 'Data');
    const bus = new events.EventBus(this, 'Bus', { description: 'Orderly domain events' });

    const [mode = 'orchestration'] = config.flows;
    this.functions = new LambdaFunctions(this, 'Functions', {
      specs: functionSpecs(),
      assetRoot: config.assetRoot,
      requireBundles: config.requireBundles,
      logRetention,
      environment: {
        ORDERLY_PORTS: 'aws',
        ORDER_FLOW: mode,
        TABLE_NAME: data.table.tableName,
        EVENT_BUS_NAME: bus.eventBusName,
        POWERTOOLS_METRICS_NAMESPACE: METRIC_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
      environmentOf: (spec) =>
        spec.name === AUTHORIZER
          ? { JWT_ISSUER: config.jwt.issuer, JWT_AUDIENCE: config.jwt.audience, JWKS_URL: config.jwt.jwksUrl }
          : {},
    });
    const fn = (name: string) => this.functions.get(name);
    for (const spec of functionSpecs()) data.grantTable(fn(spec.name), spec.table);

    const queues = new Queues(this, 'Queues', { defs: queueDefs, functionOf: fn });
    new EventRouting(this, 'Events', {
      bus,
      rules: eventRules.filter((r) => r.flows.some((f) => config.flows.includes(f))),
      archiveRetentionDays: config.archiveRetentionDays,
      functionOf: fn,
      queueOf: (name) => queues.get(name),
    });
    new SchemaRegistry(this, 'Schemas');

    // Every ASL file becomes a state machine; its starter gets the ARN and the right to start it.
    const workflows = new Map<string, Workflow>();
    for (const w of workflowSpecs()) {
      const workflow = new Workflow(this, pascal(w.name), {
        workflow: w.name,
        type: sfn.StateMachineType[w.type],
        logRetention,
        functionOf: fn,
      });
      workflows.set(w.name, workflow);
      const starter = w.startedBy && this.functions.byName.get(w.startedBy.fn);
      if (w.startedBy && starter) {
        starter.addEnvironment(w.startedBy.env, workflow.stateMachine.stateMachineArn);
        if (w.type === 'EXPRESS') workflow.stateMachine.grant(starter, 'states:StartSyncExecution');
        workflow.stateMachine.grantStartExecution(starter);
      }
    }
    const saga = workflows.get(SAGA_NAME);
    if (!saga) throw new Error(`no ${SAGA_NAME} workflow`); // the stack is about orders: a missing saga is a bug
    this.saga = saga;
    const sm = saga.stateMachine;
    // Only the approval forwarder completes task tokens, and only the saga waits on them.
    sm.grantTaskResponse(fn('forward-approval'));

    wireOutboxRelay(fn(OUTBOX_RELAY), data.table, bus, queues.get('event-delivery-dlq'));
    const chunks = queueDefs.find((q) => q.consumer?.name === IMPORT_CHUNK_PROCESSOR);
    wireCsvImports(
      fn(CSV_SPLITTER),
      data.importsBucket,
      chunks && queues.get(chunks.name),
      chunks && fn(IMPORT_CHUNK_PROCESSOR),
    );

    const http = new OrderlyHttpApi(this, 'Http', {
      config,
      routes: httpRoutes,
      functionOf: fn,
      authorizerFn: fn(AUTHORIZER),
      bus,
      logRetention,
    });

    new Monitoring(this, 'Monitoring', {
      alarms: config.alarms,
      functions: this.functions.byName,
      apiId: http.api.apiId,
      stageName: http.stage.stageName,
      routeKeys: httpRoutes.map((r) => r.key),
      deadLetterQueues: new Map(deadLetterQueueNames().map((n) => [n, queues.get(n as never)])),
      stateMachines: new Map([...workflows].map(([name, w]) => [name, w.stateMachine])),
      appMetrics: metricCatalog,
    });

    acknowledgeNagFindings(this, {
      functions: [...this.functions.byName.values()],
      stateMachineRoles: [...workflows.values()].map((w) => w.stateMachine.role),
      importsBucket: data.importsBucket,
      unauthenticatedRoutes: http.unauthenticatedRoutes,
    });
  }
}
