import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tableSchema } from '#adapters/dynamodb/table.ts';
import { importsFilter } from '#infra/cdk/constructs/data-stores.ts';
import { AUTHORIZER, CSV_SPLITTER, functionSpecs, IMPORT_CHUNK_PROCESSOR, OUTBOX_RELAY } from '#infra/cdk/functions.ts';
import { workflowSpecs } from '#infra/cdk/workflows.ts';
import { AuthorizerEnv } from '#infra/config/authorizer-env.ts';
import { PortsEnv, parseEnv } from '#infra/config/env.ts';
import { queues } from '#infra/topology/queues.ts';
import { functionNameOf, placeholdersOf, readDefinition } from '#infra/workflows/definitions.ts';
import { getAtt, type Props, type Synth, synthOrderly } from './synth-fixture.ts';

let s: Synth;
beforeAll(() => {
  s = synthOrderly();
});
afterAll(() => s?.cleanup());

type Statement = Readonly<{ Effect: string; Action: string | string[]; Resource: unknown }>;

const queueId = (name: string) =>
  s.idOf(
    s.stack.node
      .findChild('Queues')
      .node.findChild(name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())),
  );

const fnProps = (name: string): Props =>
  (s.resources('AWS::Lambda::Function').find(([id]) => id === s.fnId(name)) as [string, Props])[1];

/** Every statement of every inline policy attached to the function's role. */
const statementsOf = (name: string): Statement[] => {
  const roleId = (fnProps(name).Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  return s
    .resources('AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(([, p]) => (p.PolicyDocument as { Statement: Statement[] }).Statement);
};
const actionsOf = (name: string) => statementsOf(name).flatMap((st) => [st.Action].flat());
const holders = (pattern: RegExp) =>
  functionSpecs()
    .filter((f) => actionsOf(f.name).some((a) => pattern.test(a)))
    .map((f) => f.name)
    .sort();

describe('Lambda functions', () => {
  test('one function per HTTP route, the authorizer, each consumer, each saga task, the relay and the splitter', () => {
    const ours = s.resources('AWS::Lambda::Function').filter(([id]) => id.startsWith('Functions'));
    expect(ours.length).toBe(functionSpecs().length);
    expect(new Set(functionSpecs().map((f) => f.name)).size).toBe(functionSpecs().length);
  });

  test.each(functionSpecs().map((f) => [f.name, f] as const))(
    '%s: Node 22, arm64, X-Ray, 256 MB, own log group',
    (name, spec) => {
      const p = fnProps(name);
      expect(p).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 256,
        Timeout: spec.timeoutSeconds,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
      const logGroupId = (p.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      s.template.hasResource('AWS::Logs::LogGroup', {
        Properties: { RetentionInDays: s.config.logRetentionDays },
        DeletionPolicy: 'Delete',
      });
      expect(s.resources('AWS::Logs::LogGroup').find(([id]) => id === logGroupId)?.[1].RetentionInDays).toBe(
        s.config.logRetentionDays,
      );
      // The role writes only to its own log group: no AWSLambdaBasicExecutionRole, no logs:* on *.
      const role = s.resources('AWS::IAM::Role').find(([id]) => JSON.stringify(p.Role).includes(id));
      expect(role?.[1].ManagedPolicyArns).toBeUndefined();
      expect(statementsOf(name)).toContainEqual(
        expect.objectContaining({
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: getAtt(logGroupId),
        }),
      );
    },
  );

  test('every function runs the asset of its own bundle folder, no stub when all bundles exist', () => {
    expect(s.stack.functions.stubbed).toStrictEqual([]);
    const assets = new Set<string>();
    for (const spec of functionSpecs()) {
      const code = fnProps(spec.name).Code as Props;
      expect(code.ZipFile, spec.name).toBeUndefined();
      assets.add(JSON.stringify(code.S3Key));
    }
    expect(assets.size).toBe(functionSpecs().length);
  });

  test('environment: resource names for the AWS adapters, the saga ARN only for its starter, JWT settings for the authorizer', () => {
    for (const spec of functionSpecs()) {
      const env = (fnProps(spec.name).Environment as { Variables: Props }).Variables;
      expect(env, spec.name).toMatchObject({
        ORDERLY_PORTS: 'aws',
        ORDER_FLOW: 'orchestration',
        POWERTOOLS_SERVICE_NAME: spec.name,
        POWERTOOLS_METRICS_NAMESPACE: 'Orderly',
        TABLE_NAME: { Ref: s.idOf(s.stack.node.findChild('Data').node.findChild('Table')) },
        EVENT_BUS_NAME: { Ref: s.idOf(s.stack.node.findChild('Bus')) },
      });
      expect('STATE_MACHINE_ARN' in env, spec.name).toBe(spec.name === 'start-order-saga');
      expect('JWKS_URL' in env, spec.name).toBe(spec.name === AUTHORIZER);
    }
    expect((fnProps(AUTHORIZER).Environment as { Variables: Props }).Variables).toMatchObject({
      JWT_ISSUER: s.config.jwt.issuer,
      JWT_AUDIENCE: s.config.jwt.audience,
      JWKS_URL: s.config.jwt.jwksUrl,
    });
  });
  test('every environment passes the schema its entry parses at cold start (infrastructure/config/env.ts)', () => {
    // CloudFormation fills the references at deploy time; stand-ins of the right shape take their place here.
    const standIn: Record<string, string> = {
      TABLE_NAME: 'Orderly-DataTable-1A2B3C',
      EVENT_BUS_NAME: 'OrderlyBus1A2B3C',
      STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:123456789012:stateMachine:OrderSaga1A2B3C',
    };
    for (const spec of functionSpecs()) {
      const vars = (fnProps(spec.name).Environment as { Variables: Record<string, unknown> }).Variables;
      const env = Object.fromEntries(
        Object.entries(vars).map(([k, v]) => [k, typeof v === 'string' ? v : (standIn[k] ?? 'resolved-at-deploy')]),
      );
      expect(() => parseEnv(spec.name === AUTHORIZER ? AuthorizerEnv : PortsEnv, env), spec.name).not.toThrow();
    }
  });
});

describe('least privilege', () => {
  test('states:Start* only for the starter of each workflow, states:SendTask* only for forward-approval', () => {
    const starters = workflowSpecs()
      .flatMap((w) => (w.startedBy && functionSpecs().some((f) => f.name === w.startedBy?.fn) ? [w.startedBy.fn] : []))
      .sort();
    expect(starters).toContain('start-order-saga');
    expect(holders(/^states:StartExecution$/)).toStrictEqual(starters);
    expect(holders(/^states:SendTask/)).toStrictEqual(['forward-approval']);
    expect(holders(/^states:/)).toStrictEqual([...new Set([...starters, 'forward-approval'])].sort());
  });

  test('events:PutEvents only for the outbox relay (everyone else publishes through the outbox)', () => {
    expect(holders(/^events:/)).toStrictEqual([OUTBOX_RELAY]);
  });

  test('table writes only where the catalog says read-write; reads never include Scan or index/*', () => {
    const writers = functionSpecs()
      .filter((f) => f.table === 'read-write')
      .map((f) => f.name)
      .sort();
    expect(holders(/^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)$/)).toStrictEqual(writers);
    const readers = functionSpecs()
      .filter((f) => f.table !== 'none')
      .map((f) => f.name)
      .sort();
    expect(holders(/^dynamodb:(GetItem|Query)$/)).toStrictEqual(readers);
    expect(holders(/^dynamodb:(Scan|\*)/)).toStrictEqual([]);
    const tableResources = JSON.stringify(statementsOf('http-place-order').map((st) => st.Resource));
    expect(tableResources).toContain(`/index/${tableSchema.customerOrdersIndex.name}`);
    expect(tableResources).not.toContain('/index/*');
  });

  test('SQS: each consumer may receive from its own queue only; only the relay and the splitter send', () => {
    const consumers = queues.flatMap((q) => (q.consumer ? [q.consumer.name] : [])).sort();
    expect(holders(/^sqs:ReceiveMessage$/)).toStrictEqual(consumers);
    for (const q of queues.filter((x) => x.consumer)) {
      const receive = statementsOf(q.consumer?.name as string).filter((st) =>
        [st.Action].flat().includes('sqs:ReceiveMessage'),
      );
      expect(receive.map((st) => st.Resource)).toStrictEqual([getAtt(queueId(q.name))]);
    }
    // The relay sends stream batches it gives up on to the DLQ; the splitter sends chunks (when the queue exists).
    const chunkQueue = queues.some((q) => q.consumer?.name === IMPORT_CHUNK_PROCESSOR);
    expect(holders(/^sqs:SendMessage$/)).toStrictEqual([...(chunkQueue ? [CSV_SPLITTER] : []), OUTBOX_RELAY].sort());
  });

  test('the splitter reads only imports/ objects', () => {
    const s3 = statementsOf(CSV_SPLITTER).filter((st) => [st.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3).toStrictEqual([expect.objectContaining({ Action: 's3:GetObject' })]);
    expect(JSON.stringify(s3[0]?.Resource)).toContain(`/${importsFilter.prefix}*`);
  });
});

describe('workflows (every ASL file)', () => {
  const pascalOf = (kebab: string) => kebab.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
  const machineOf = (name: string): Props => {
    const id = s.idOf(s.stack.node.findChild(pascalOf(name)).node.findChild('StateMachine'));
    return (s.resources('AWS::StepFunctions::StateMachine').find(([x]) => x === id) as [string, Props])[1];
  };

  test('one state machine per workflow file, the order saga among them', () => {
    expect(s.resources('AWS::StepFunctions::StateMachine').length).toBe(workflowSpecs().length);
    expect(workflowSpecs().map((w) => w.name)).toContain('order-saga');
  });

  test.each(workflowSpecs().map((w) => [w.name, w] as const))('%s: every placeholder bound to its function', (name) => {
    const subs = machineOf(name).DefinitionSubstitutions as Record<string, unknown>;
    expect(Object.keys(subs).sort()).toStrictEqual(placeholdersOf(readDefinition(name)));
    for (const [placeholder, value] of Object.entries(subs)) {
      expect(value, placeholder).toStrictEqual(getAtt(s.fnId(functionNameOf(placeholder))));
    }
  });

  test.each(workflowSpecs().map((w) => [w.name, w] as const))(
    '%s: type, inline definition, ALL logs, X-Ray',
    (name, w) => {
      const p = machineOf(name);
      expect(p.StateMachineType).toBe(w.type);
      expect(p.DefinitionS3Location).toBeUndefined();
      expect(p.DefinitionString).toBeDefined();
      expect(p.LoggingConfiguration).toMatchObject({ Level: 'ALL', IncludeExecutionData: true });
      expect(p.TracingConfiguration).toStrictEqual({ Enabled: true });
    },
  );

  test.each(workflowSpecs().map((w) => [w.name, w] as const))('%s: its role invokes exactly its tasks', (name) => {
    const p = machineOf(name);
    const roleId = (p.RoleArn as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    const invoke = s
      .resources('AWS::IAM::Policy')
      .filter(([, pol]) => JSON.stringify(pol.Roles).includes(roleId))
      .flatMap(([, pol]) => (pol.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((st) => [st.Action].flat().includes('lambda:InvokeFunction'));
    const subs = p.DefinitionSubstitutions as Record<string, unknown>;
    expect(invoke.length).toBe(1);
    expect([invoke[0]?.Resource].flat()).toStrictEqual(Object.values(subs));
  });

  test('the order saga is Standard (it waits for people); the others are Express', () => {
    for (const w of workflowSpecs()) expect(w.type).toBe(w.name === 'order-saga' ? 'STANDARD' : 'EXPRESS');
  });
});

describe('data stores', () => {
  test('the table has the shape the adapters use: keys, gsi1, TTL, NEW_IMAGE stream, on demand, PITR', () => {
    const { partitionKey, sortKey, customerOrdersIndex: gsi, ttlAttribute, streamViewType } = tableSchema;
    s.template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: gsi.name,
          KeySchema: [
            { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
            { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: streamViewType },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  test('imports bucket: private, encrypted, TLS only, and imports/*.csv start the splitter', () => {
    const bucketId = s.idOf(s.stack.node.findChild('Data').node.findChild('Imports'));
    const bucket = s.resources('AWS::S3::Bucket').find(([id]) => id === bucketId)?.[1];
    expect(bucket).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    s.template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: bucketId },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            LambdaFunctionArn: getAtt(s.fnId(CSV_SPLITTER)),
            Filter: {
              Key: {
                FilterRules: [
                  { Name: 'suffix', Value: importsFilter.suffix },
                  { Name: 'prefix', Value: importsFilter.prefix },
                ],
              },
            },
          },
        ],
      },
    });
  });
});
