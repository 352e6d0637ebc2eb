import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventRuleDef, RuleTarget } from '#infra/topology/event-rules.ts';
import type { QueueName } from '#infra/topology/names.ts';

/**
 * The ONE place a topology pattern becomes a CDK pattern. `Rule` copies unknown keys through verbatim and only
 * renames `detailType`, which raw patterns never use (they say `detail-type`), so `$or`, `numeric`, `prefix`...
 * reach CloudFormation exactly as PutRule would take them. The infra tests compare every rule's rendered
 * EventPattern with the topology object to keep this true.
 */
export const toCdkEventPattern = (raw: EventRuleDef['pattern']): events.EventPattern => raw as events.EventPattern;

export type EventRoutingProps = Readonly<{
  bus: events.EventBus;
  rules: readonly EventRuleDef[];
  archiveRetentionDays: number;
  functionOf: (name: string) => lambda.IFunction;
  queueOf: (name: QueueName) => sqs.IQueue;
}>;

/** An archive of everything the bus carries, and every rule of the topology with its target. */
export class EventRouting extends Construct {
  readonly rules: ReadonlyMap<string, events.Rule>;

  constructor(scope: Construct, id: string, props: EventRoutingProps) {
    super(scope, id);
    props.bus.archive('Archive', {
      description: 'Every Orderly event, for replay after a consumer bug is fixed',
      eventPattern: { account: [Stack.of(this).account] },
      retention: Duration.days(props.archiveRetentionDays),
    });

    const rules = new Map<string, events.Rule>();
    for (const def of props.rules) {
      const rule = new events.Rule(this, def.name, {
        eventBus: props.bus,
        ruleName: def.name,
        description: def.description.slice(0, 512),
        eventPattern: toCdkEventPattern(def.pattern),
      });
      rule.addTarget(this.targetOf(def.target, def, props));
      rules.set(def.name, rule);
    }
    this.rules = rules;
  }

  private targetOf(target: RuleTarget, def: EventRuleDef, props: EventRoutingProps): events.IRuleTarget {
    const options = {
      retryAttempts: def.retryPolicy.maximumRetryAttempts,
      maxEventAge: Duration.seconds(def.retryPolicy.maximumEventAgeInSeconds),
      deadLetterQueue: props.queueOf(def.deadLetterQueue),
    };
    return target.kind === 'function'
      ? new targets.LambdaFunction(props.functionOf(target.name), options)
      : new targets.SqsQueue(props.queueOf(target.name), options);
  }
}
