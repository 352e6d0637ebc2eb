import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { METRIC_NAMESPACE, MetricNames, metricCatalog } from '#adapters/lambda/observability/metric-names.ts';
import { functionSpecs, httpRoutes } from '#infra/cdk/functions.ts';
import { deadLetterQueueNames } from '#infra/cdk/order-stack.ts';
import { type Props, type Synth, synthOrderly } from './synth-fixture.ts';

let s: Synth;
beforeAll(() => {
  s = synthOrderly();
});
afterAll(() => s?.cleanup());

const alarms = () => s.resources('AWS::CloudWatch::Alarm').map(([, p]) => p);
const topicRef = () => ({ Ref: s.resources('AWS::SNS::Topic')[0]?.[0] });
/** The one metric an alarm watches, whether CDK rendered it flat or as a one-entry Metrics list (labelled). */
const single = (a: Props): Props | undefined => {
  if (a.MetricName) {
    const stat = a.ExtendedStatistic ?? a.Statistic;
    return { MetricName: a.MetricName, Namespace: a.Namespace, Dimensions: a.Dimensions, Stat: stat };
  }
  const metrics = a.Metrics as Props[] | undefined;
  if (metrics?.length !== 1) return undefined;
  const stat = metrics[0]?.MetricStat as { Metric: Props; Stat: string };
  return { ...stat.Metric, Stat: stat.Stat };
};

const dashboardBody = (): string => {
  const [, p] = s.resources('AWS::CloudWatch::Dashboard')[0] as [string, Props];
  return JSON.stringify(p.DashboardBody);
};

/** Metric names the code emits: `addMetric(MetricNames.X` or `addMetric('X'` anywhere under adapters/. */
const emittedMetricNames = (): string[] => {
  const files = readdirSync('adapters', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const names = files.flatMap((f) =>
    [...readFileSync(join('adapters', f), 'utf8').matchAll(/addMetric\(\s*(?:MetricNames\.(\w+)|'(\w+)')/g)].map(
      (m) => (m[1] ? MetricNames[m[1] as keyof typeof MetricNames] : m[2]) ?? `unknown ${m[0]}`,
    ),
  );
  return [...new Set(names)].sort();
};

describe('alarms', () => {
  test('every alarm notifies the encrypted SNS topic', () => {
    expect(alarms().length).toBeGreaterThan(0);
    for (const a of alarms()) expect(a.AlarmActions, String(a.AlarmDescription)).toStrictEqual([topicRef()]);
    const [, topic] = s.resources('AWS::SNS::Topic')[0] as [string, Props];
    expect(topic.KmsMasterKeyId).toBeDefined();
  });

  test.each(functionSpecs().map((f) => [f.name] as const))(
    '%s: error rate = errors / invocations × 100 above the threshold',
    (name) => {
      const id = s.fnId(name);
      const a = alarms().find(
        (p) => JSON.stringify(p.Metrics).includes(`"${id}"`) && String(p.AlarmDescription).includes('%'),
      );
      expect(a, name).toBeDefined();
      const metrics = (a as Props).Metrics as Props[];
      const expression = metrics.find((m) => m.Expression)?.Expression as string;
      const errors = metrics.find((m) => JSON.stringify(m).includes('"Errors"'))?.Id as string;
      const invocations = metrics.find((m) => JSON.stringify(m).includes('"Invocations"'))?.Id as string;
      expect(expression).toBe(`100 * ${errors} / ${invocations}`);
      expect(a).toMatchObject({
        Threshold: s.config.alarms.errorRatePercent,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    },
  );

  test.each(httpRoutes.map((r) => [r.key] as const))('%s: p95 and p99 latency alarms on the route', (key) => {
    const [method, resource] = key.split(' ');
    const stats = alarms()
      .map(single)
      .filter(
        (m) =>
          m?.MetricName === 'Latency' &&
          m.Namespace === 'AWS/ApiGateway' &&
          JSON.stringify(m.Dimensions).includes(`{"Name":"Method","Value":"${method}"}`) &&
          JSON.stringify(m.Dimensions).includes(`{"Name":"Resource","Value":"${resource}"}`),
      )
      .map((m) => m?.Stat)
      .sort();
    expect(stats).toStrictEqual(['p95', 'p99']);
  });

  test('every DLQ has a depth alarm (visible messages > 0)', () => {
    const queuesNode = s.stack.node.findChild('Queues');
    for (const name of deadLetterQueueNames()) {
      const id = s.idOf(
        queuesNode.node.findChild(name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())),
      );
      const a = alarms().find(
        (p) =>
          p.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(p.Dimensions).includes(`"${id}"`),
      );
      expect(a, name).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', Statistic: 'Maximum' });
    }
  });

  test('a failed execution of any workflow alarms (ExecutionsFailed ≥ 1)', () => {
    const machines = s.resources('AWS::StepFunctions::StateMachine');
    expect(machines.length).toBeGreaterThan(0);
    for (const [smId] of machines) {
      expect(
        alarms().find((p) => p.MetricName === 'ExecutionsFailed' && JSON.stringify(p.Dimensions).includes(`"${smId}"`)),
        smId,
      ).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', Namespace: 'AWS/States' });
    }
  });
});

describe('dashboard', () => {
  test('every metric the code emits is in the catalog the stack reads', () => {
    const emitted = emittedMetricNames();
    expect(emitted.length).toBeGreaterThan(0);
    expect(emitted.filter((n) => !metricCatalog.some((m) => m.name === n))).toStrictEqual([]);
  });

  test('every catalog metric has a widget or an alarm (namespace Orderly, its own dimensions)', () => {
    const body = dashboardBody();
    const alarmed = alarms()
      .filter((p) => p.Namespace === METRIC_NAMESPACE)
      .map((p) => p.MetricName);
    for (const m of metricCatalog) {
      const widget = body.includes(
        `{${METRIC_NAMESPACE},${[...m.dimensions].sort().join(',')}} MetricName=\\\\\\"${m.name}\\\\\\"`,
      );
      expect(widget || alarmed.includes(m.name), m.name).toBe(true);
    }
  });

  test('the dashboard also shows route latency, error rates, DLQ depth and saga executions', () => {
    const body = dashboardBody();
    for (const title of ['API latency by route', 'Function error rate', 'Dead-letter queue depth', 'Saga executions']) {
      expect(body).toContain(title);
    }
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  test('no unacknowledged finding, error or warning', () => {
    const report = new AwsSolutionsChecks().validateScope(s.app);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toStrictEqual([]);
  });

  test('every acknowledgment carries a written reason', () => {
    const acks: [string, string, unknown][] = [];
    const walk = (c: IConstruct) => {
      for (const m of c.node.metadata) {
        if (m.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(m.data as Record<string, unknown>))
          acks.push([c.node.path, id, reason]);
      }
      for (const child of c.node.children) walk(child);
    };
    walk(s.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const [path, id, reason] of acks) {
      expect(typeof reason === 'string' && reason.length >= 40, `${path} ${id}`).toBe(true);
    }
  });

  test('Resource "*" appears only with actions that have no resource-level permissions (the acknowledged kind)', () => {
    const allowedOnStar =
      /^(xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)|dynamodb:ListStreams|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))$/;
    const offenders = s
      .resources('AWS::IAM::Policy')
      .flatMap(([id, p]) =>
        (p.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement.map((st) => ({
          id,
          ...st,
        })),
      )
      .filter((st) => [st.Resource].flat().includes('*'))
      .flatMap((st) =>
        [st.Action]
          .flat()
          .filter((a) => !allowedOnStar.test(a))
          .map((a) => `${st.id}: ${a}`),
      );
    // CDK's own BucketNotificationsHandler needs s3:PutBucketNotification on *; it is not one of our roles.
    expect(offenders.filter((o) => !o.startsWith('BucketNotificationsHandler'))).toStrictEqual([]);
  });
});
