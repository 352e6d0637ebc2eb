import { type CfnElement, type Stack, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { importsFilter } from './data-stores.ts';

export type NagParts = Readonly<{
  functions: Iterable<lambda.Function>;
  stateMachineRoles: readonly IConstruct[];
  importsBucket: s3.Bucket;
  /** Routes that deliberately run without the authorizer ($default to legacy, public catalog). */
  unauthenticatedRoutes: readonly IConstruct[];
}>;

/**
 * Every cdk-nag (AwsSolutions) finding this stack accepts, each on the narrowest construct and with its reason.
 * cdk-nag 3 acknowledges one finding id at a time (`Rule[Finding]`), so nothing here hides a finding it does not
 * name. The infra tests check that every `Resource: *` statement is one of the kinds explained below.
 */
export const acknowledgeNagFindings = (stack: Stack, parts: NagParts): void => {
  const xrayStar = {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'X-Ray PutTraceSegments/PutTelemetryRecords (active tracing), DynamoDB ListStreams and the CloudWatch Logs ' +
      'delivery actions of Step Functions logging have no resource-level permissions; every other statement is ' +
      'scoped to its resource (checked by test/infra).',
  };
  for (const fn of parts.functions) {
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime the bundles are built and tested for (esbuild target, bundle tests); moving to ' +
        'a newer runtime is a deliberate upgrade with its own test run, not a synth-time default.',
    });
    if (fn.role) Validations.of(fn.role).acknowledge(xrayStar);
  }
  for (const role of parts.stateMachineRoles) Validations.of(role).acknowledge(xrayStar);

  const splitter = [...parts.functions].find((f) => f.node.id === 'CsvSplitterFn');
  const bucketId = stack.getLogicalId(parts.importsBucket.node.defaultChild as CfnElement);
  if (splitter?.role) {
    Validations.of(splitter.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${importsFilter.prefix}*]`,
      reason:
        'The splitter reads whichever CSV was uploaded; object keys are not known in advance. s3:GetObject only, ' +
        'only under the imports/ prefix that triggers it.',
    });
  }
  const processor = [...parts.functions].find((f) => f.node.id === 'ImportChunkProcessorFn');
  if (processor?.role) {
    Validations.of(processor.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${importsFilter.prefix}*.summary.json]`,
      reason:
        "The fan-in writes each import's summary beside its CSV; import ids are not known in advance. " +
        's3:PutObject only, only for imports/*.summary.json.',
    });
  }

  // CDK's singleton that configures bucket notifications (a custom resource); not our code, not our role.
  const notificationsHandler = stack.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
  if (notificationsHandler) {
    Validations.of(notificationsHandler).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's BucketNotificationsHandler custom resource (runs only at deploy time to set the S3 notification) " +
        'ships with the basic execution managed policy; its role is created by aws-s3 and cannot be swapped.',
    });
  }

  for (const route of parts.unauthenticatedRoutes) {
    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Deliberately public: GET /products is the open catalog, and $default proxies not-yet-migrated paths to ' +
        'the legacy backend, which authenticates its own requests (the Authorization header is passed through).',
    });
  }
};
