import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { tableSchema } from '#adapters/dynamodb/table.ts';
import type { TableAccess } from '../functions.ts';

/** S3 notifications start the CSV splitter for these keys only. */
export const importsFilter = { prefix: 'imports/', suffix: '.csv' } as const;

const readActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:DescribeTable'];
const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  // TransactWriteItems is authorized per item: Put/Update/Delete above plus ConditionCheck.
  'dynamodb:ConditionCheckItem',
];

/**
 * The single table (shape from `adapters/dynamodb/table.ts`, so adapters and the deployed table agree) and the
 * imports bucket with its access-log bucket.
 */
export class DataStores extends Construct {
  readonly table: dynamodb.Table;
  readonly importsBucket: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { partitionKey, sortKey, customerOrdersIndex: gsi, ttlAttribute } = tableSchema;
    const S = dynamodb.AttributeType.STRING;
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: partitionKey, type: S },
      sortKey: { name: sortKey, type: S },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: ttlAttribute,
      stream: dynamodb.StreamViewType[tableSchema.streamViewType],
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: gsi.name,
      partitionKey: { name: gsi.partitionKey, type: S },
      sortKey: { name: gsi.sortKey, type: S },
      projectionType: dynamodb.ProjectionType.ALL,
    });

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.importsBucket = new s3.Bucket(this, 'Imports', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      // (cast: CDK's declarations predate exactOptionalPropertyTypes, e.g. `isWebsite?: boolean` vs `boolean`)
      serverAccessLogsBucket: accessLogs as s3.IBucket,
      serverAccessLogsPrefix: 'imports-bucket/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Least privilege on the table: item actions on the table and the one index it has, nothing on `index/*`,
   * no Scan, no table management.
   */
  grantTable(grantee: iam.IGrantable, access: TableAccess): void {
    if (access === 'none') return;
    const actions = access === 'read' ? readActions : [...readActions, ...writeActions];
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions,
        resources: [this.table.tableArn, `${this.table.tableArn}/index/${tableSchema.customerOrdersIndex.name}`],
      }),
    );
  }
}
