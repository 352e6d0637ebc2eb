import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { outboxStreamFilterPattern } from '#adapters/dynamodb/table.ts';
import { eventCatalog, eventTypes } from '#domain/events.ts';
import { contextKeys } from '#infra/cdk/config.ts';
import { schemaNameOf } from '#infra/cdk/constructs/schema-registry.ts';
import { OUTBOX_RELAY } from '#infra/cdk/functions.ts';
import { deadLetterQueueNames } from '#infra/cdk/order-stack.ts';
import { eventRules } from '#infra/topology/event-rules.ts';
import { queues } from '#infra/topology/queues.ts';
import { getAtt, type Props, type Synth, synthOrderly } from './synth-fixture.ts';

// Topology data ⇄ template: the local runtime reads the same data, so these tests are what keeps both worlds equal.
// Both flows are deployed here so that every rule of the topology is checked (the default deploys one flow).
let s: Synth;
beforeAll(() => {
  s = synthOrderly({ [contextKeys.flow]: 'both', [contextKeys.alarmEmail]: 'ops@example.com' });
});
afterAll(() => s?.cleanup());

const queueId = (name: string) => s.idOf(s.stack.node.findChild('Queues').node.findChild(pascalOf(name)));
const pascalOf = (kebab: string) => kebab.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
const ruleNamed = (name: string) => s.resources('AWS::Events::Rule').find(([, p]) => p.Name === name);

describe('EventBridge rules', () => {
  test.each(eventRules.map((r) => [r.name, r] as const))('%s: exact pattern, target, retry, DLQ', (_, def) => {
    const found = ruleNamed(def.name);
    expect(found, `rule ${def.name}`).toBeDefined();
    const [, props] = found as [string, Props];
    expect(props.EventPattern).toStrictEqual(def.pattern);
    expect(props.EventBusName).toStrictEqual({ Ref: s.idOf(s.stack.node.findChild('Bus')) });
    const target = def.target.kind === 'function' ? getAtt(s.fnId(def.target.name)) : getAtt(queueId(def.target.name));
    expect(props.Targets).toStrictEqual([
      expect.objectContaining({
        Arn: target,
        RetryPolicy: {
          MaximumRetryAttempts: def.retryPolicy.maximumRetryAttempts,
          MaximumEventAgeInSeconds: def.retryPolicy.maximumEventAgeInSeconds,
        },
        DeadLetterConfig: { Arn: getAtt(queueId(def.deadLetterQueue)) },
      }),
    ]);
  });

  test('(context) alarms mail the configured address', () => {
    s.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });

  test('each rule exists once; functions are told the first mode', () => {
    const names = s.resources('AWS::Events::Rule').map(([, p]) => p.Name);
    expect(names.sort()).toStrictEqual(eventRules.map((r) => r.name).sort());
    const [, fn] = s.resources('AWS::Lambda::Function').find(([id]) => id === s.fnId('advance-order')) as [
      string,
      Props,
    ];
    expect((fn.Environment as { Variables: Props }).Variables.ORDER_FLOW).toBe('orchestration');
  });

  test('EventBridge may deliver to each queue target and to the DLQ, for its own rule only', () => {
    for (const def of eventRules) {
      const dlq = queueId(def.deadLetterQueue);
      const policies = s.resources('AWS::SQS::QueuePolicy').filter(([, p]) => JSON.stringify(p.Queues).includes(dlq));
      const statements = policies.flatMap(([, p]) => (p.PolicyDocument as { Statement: Props[] }).Statement);
      const ruleId = ruleNamed(def.name)?.[0] as string;
      expect(
        statements.some(
          (st) =>
            JSON.stringify(st.Principal).includes('events.amazonaws.com') &&
            JSON.stringify(st.Condition).includes(ruleId),
        ),
        `${def.name} → ${def.deadLetterQueue}`,
      ).toBe(true);
    }
  });

  test('the bus is archived with a retention period', () => {
    s.template.hasResourceProperties('AWS::Events::Archive', {
      RetentionDays: s.config.archiveRetentionDays,
      SourceArn: getAtt(s.idOf(s.stack.node.findChild('Bus'))),
    });
  });
});

describe('schema registry', () => {
  test('one draft-04 schema per event type of the catalog, named source@Type', () => {
    const schemas = s.resources('AWS::EventSchemas::Schema');
    expect(schemas.map(([, p]) => p.SchemaName).sort()).toStrictEqual(eventTypes.map(schemaNameOf).sort());
    for (const [, p] of schemas) {
      expect(p.Type).toBe('JSONSchemaDraft4');
      const content = JSON.parse(p.Content as string) as Record<string, unknown>;
      expect(content.$schema).toBe('http://json-schema.org/draft-04/schema#');
      expect(JSON.stringify(content)).not.toMatch(/"const"|\$defs|draft\/2020-12/);
      const type = String(p.SchemaName).split('@')[1] as keyof typeof eventCatalog;
      expect(content).toMatchObject({ required: ['metadata', 'data'], properties: { data: { type: 'object' } } });
      expect(String(p.SchemaName).split('@')[0]).toBe(eventCatalog[type].source);
    }
  });
});

describe('SQS queues', () => {
  test.each(queues.map((q) => [q.name, q] as const))('%s: visibility, SSE, redrive', (_, def) => {
    const [, props] = s.resources('AWS::SQS::Queue').find(([id]) => id === queueId(def.name)) as [string, Props];
    expect(props.VisibilityTimeout).toBe(def.visibilityTimeoutSeconds);
    expect(props.SqsManagedSseEnabled).toBe(true);
    if (def.deadLetterQueue) {
      expect(props.RedrivePolicy).toStrictEqual({
        deadLetterTargetArn: getAtt(queueId(def.deadLetterQueue)),
        maxReceiveCount: def.maxReceiveCount,
      });
    } else {
      expect(props.RedrivePolicy).toBeUndefined();
    }
  });

  test('every queue refuses plain HTTP', () => {
    const policies = s.resources('AWS::SQS::QueuePolicy');
    for (const def of queues) {
      const denies = policies
        .filter(([, p]) => JSON.stringify(p.Queues).includes(queueId(def.name)))
        .flatMap(([, p]) => (p.PolicyDocument as { Statement: Props[] }).Statement)
        .filter((st) => st.Effect === 'Deny' && JSON.stringify(st.Condition).includes('"aws:SecureTransport":"false"'));
      expect(denies.length, def.name).toBeGreaterThan(0);
    }
  });

  test('every DLQ the topology names exists (and is the only kind of queue without a redrive policy)', () => {
    for (const name of deadLetterQueueNames()) expect(queueId(name)).toBeTruthy();
  });
});

describe('event-source mappings', () => {
  const mappings = () => s.resources('AWS::Lambda::EventSourceMapping');

  test('every mapping reports partial batch failures', () => {
    expect(mappings().length).toBe(queues.filter((q) => q.consumer).length + 1);
    for (const [id, p] of mappings()) expect(p.FunctionResponseTypes, id).toStrictEqual(['ReportBatchItemFailures']);
  });

  test.each(queues.filter((q) => q.consumer).map((q) => [q.name, q] as const))(
    '%s: batch settings from the topology',
    (_, def) => {
      const c = def.consumer as NonNullable<typeof def.consumer>;
      const found = mappings().find(
        ([, p]) => JSON.stringify(p.EventSourceArn) === JSON.stringify(getAtt(queueId(def.name))),
      );
      expect(found, def.name).toBeDefined();
      expect((found as [string, Props])[1]).toMatchObject({
        FunctionName: { Ref: s.fnId(c.name) },
        BatchSize: c.batchSize,
        MaximumBatchingWindowInSeconds: c.maximumBatchingWindowSeconds,
        ScalingConfig: { MaximumConcurrency: c.maximumConcurrency },
      });
      // A consumer must finish well before its message becomes visible again (AWS: visibility ≥ 6 × timeout),
      // or it is processed twice in parallel.
      const fn = s.resources('AWS::Lambda::Function').find(([id]) => id === s.fnId(c.name)) as [string, Props];
      expect((fn[1].Timeout as number) * 6).toBeLessThanOrEqual(def.visibilityTimeoutSeconds);
      expect(fn[1].Timeout as number).toBeGreaterThanOrEqual(3);
    },
  );

  test('the outbox relay reads new OUTBOX# items only, bisects, and sends what it gives up on to the DLQ', () => {
    const [, p] = mappings().find(([, m]) => JSON.stringify(m.FunctionName).includes(s.fnId(OUTBOX_RELAY))) as [
      string,
      Props,
    ];
    expect(p.EventSourceArn).toStrictEqual(
      getAtt(s.idOf(s.stack.node.findChild('Data').node.findChild('Table')), 'StreamArn'),
    );
    expect(p.BisectBatchOnFunctionError).toBe(true);
    expect(p.FilterCriteria).toStrictEqual({ Filters: [{ Pattern: JSON.stringify(outboxStreamFilterPattern) }] });
    expect(p.DestinationConfig).toStrictEqual({
      OnFailure: { Destination: getAtt(queueId('event-delivery-dlq')) },
    });
  });
});
