import { Duration } from 'aws-cdk-lib';
import * as cw from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRIC_NAMESPACE, type MetricSpec } from '#adapters/lambda/observability/metric-names.ts';
import type { OrderlyConfig, RouteKey } from '../config.ts';
import { pascal } from '../functions.ts';

export type MonitoringProps = Readonly<{
  alarms: OrderlyConfig['alarms'];
  functions: ReadonlyMap<string, lambda.IFunction>;
  apiId: string;
  stageName: string;
  routeKeys: readonly RouteKey[];
  deadLetterQueues: ReadonlyMap<string, sqs.IQueue>;
  stateMachines: ReadonlyMap<string, sfn.IStateMachine>;
  /** What the code emits (adapters/lambda/observability/metric-names.ts): each one gets a dashboard widget. */
  appMetrics: readonly MetricSpec[];
}>;

const FIVE_MINUTES = Duration.minutes(5);

const snake = (kebab: string) => kebab.replace(/-/g, '_');

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * A search over every `service` (and other dimension) value the code emits a metric with: one widget covers all
 * functions that emit it, including ones added later.
 */
export const appMetricExpression = (m: MetricSpec): string =>
  `SEARCH('{${METRIC_NAMESPACE},${[...m.dimensions].sort().join(',')}} MetricName="${m.name}"', 'Sum', 300)`;

/** Alarms to an encrypted SNS topic, and one dashboard with the same signals plus every application metric. */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly dashboard: cw.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const key = new kms.Key(this, 'TopicKey', {
      description: 'Orderly alarm notifications',
      enableKeyRotation: true,
    });
    // CloudWatch must be able to use the key to publish to the encrypted topic.
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new sns.Topic(this, 'Alarms', { masterKey: key, enforceSSL: true, displayName: 'Orderly alarms' });
    if (props.alarms.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarms.email));
    const notify = new actions.SnsAction(this.topic);
    const alarm = (alarmId: string, p: cw.CreateAlarmOptions & { metric: cw.IMetric }) => {
      const a = new cw.Alarm(this, alarmId, { treatMissingData: cw.TreatMissingData.NOT_BREACHING, ...p });
      a.addAlarmAction(notify);
      return a;
    };

    const errorRates = [...props.functions].map(([name, fn]) => {
      const rate = new cw.MathExpression({
        // No invocations → no datapoint (0/0), which NOT_BREACHING treats as fine.
        expression: `100 * errors_${snake(name)} / invocations_${snake(name)}`,
        // Ids must be unique within a graph that shows several functions' rates.
        usingMetrics: {
          [`errors_${snake(name)}`]: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
          [`invocations_${snake(name)}`]: fn.metricInvocations({ period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        label: `${name} error %`,
        period: FIVE_MINUTES,
      });
      alarm(`${pascal(name)}ErrorRate`, {
        alarmDescription: `${name}: more than ${props.alarms.errorRatePercent}% of invocations failed`,
        metric: rate,
        threshold: props.alarms.errorRatePercent,
        comparisonOperator: cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
      });
      return rate;
    });

    const latency = (route: RouteKey, statistic: 'p95' | 'p99') => {
      const [method, resource] = route.split(' ') as [string, string];
      return new cw.Metric({
        namespace: 'AWS/ApiGateway',
        metricName: 'Latency',
        dimensionsMap: { ApiId: props.apiId, Stage: props.stageName, Method: method, Resource: resource },
        statistic,
        period: FIVE_MINUTES,
        label: `${route} ${statistic}`,
      });
    };
    const latencies = props.routeKeys.flatMap((route) =>
      (['p95', 'p99'] as const).map((statistic) => {
        const metric = latency(route, statistic);
        const threshold = statistic === 'p95' ? props.alarms.latencyP95Ms : props.alarms.latencyP99Ms;
        alarm(`${pascal(route.replace(/[^A-Za-z]+/g, '-').toLowerCase())}${statistic.toUpperCase()}Latency`, {
          alarmDescription: `${route}: ${statistic} latency above ${threshold} ms`,
          metric,
          threshold,
          comparisonOperator: cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
        });
        return metric;
      }),
    );

    const dlqDepths = [...props.deadLetterQueues].map(([name, queue]) => {
      const metric = queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: 'Maximum',
      });
      alarm(`${pascal(name)}Depth`, {
        alarmDescription: `${name}: messages are waiting in a dead-letter queue`,
        metric,
        threshold: 0,
        comparisonOperator: cw.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      });
      return metric;
    });

    const executions = [...props.stateMachines].flatMap(([name, sm]) => {
      const failed = sm.metricFailed({ period: Duration.minutes(1), statistic: 'Sum' });
      alarm(`${pascal(name)}ExecutionsFailed`, {
        alarmDescription: `${name}: an execution failed (compensated ones succeed, so this is a bug or an outage)`,
        metric: failed,
        threshold: 1,
        comparisonOperator: cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
      return [failed, sm.metricSucceeded({ period: FIVE_MINUTES }), sm.metricTimedOut({ period: FIVE_MINUTES })];
    });

    this.dashboard = new cw.Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(3) });
    const graph = (title: string, left: cw.IMetric[], width = 12) =>
      new cw.GraphWidget({ title, left, width, height: 6 });
    this.dashboard.addWidgets(
      ...props.appMetrics.map((m) =>
        graph(
          `${m.name} (${METRIC_NAMESPACE})`,
          [new cw.MathExpression({ expression: appMetricExpression(m), label: m.name, period: FIVE_MINUTES })],
          8,
        ),
      ),
    );
    this.dashboard.addWidgets(
      graph('API latency by route', latencies, 24),
      // Few lines per graph: each expression carries two metrics and a crowded graph is unreadable anyway.
      ...chunks(errorRates, 8).map((part, i) => graph(`Function error rate (%) ${i + 1}`, part)),
      graph('Dead-letter queue depth', dlqDepths),
      graph('Saga executions', executions),
    );
  }
}
