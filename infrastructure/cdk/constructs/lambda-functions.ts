import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type FunctionSpec, pascal } from '../functions.ts';

export type FunctionsProps = Readonly<{
  specs: readonly FunctionSpec[];
  assetRoot: string;
  /** Fail on a missing bundle instead of deploying a stub that throws (deploy pipelines set this). */
  requireBundles: boolean;
  logRetention: logs.RetentionDays;
  /** Set on every function (ORDER_FLOW, POWERTOOLS_*, resource names). */
  environment: Readonly<Record<string, string>>;
  /** Extra variables for one function (authorizer settings, the saga ARN for the starter...). */
  environmentOf?: (spec: FunctionSpec) => Readonly<Record<string, string>>;
}>;

/** Where the bundle script puts a function's code; the single rule shared with `npm run bundle`. */
export const bundleDirOf = (assetRoot: string, name: string): string => resolve(join(assetRoot, name));

export type StubbedFunction = Readonly<{ name: string; reason: string }>;

const stub = (name: string, reason: string) =>
  lambda.Code.fromInline(
    `exports.handler = async () => { throw new Error(${JSON.stringify(`orderly: ${name} has no code: ${reason}`)}); };`,
  );

/**
 * Every function with the same defaults: Node.js 22 on arm64, the prebuilt bundle, X-Ray, an explicit log group
 * with retention, and a role of its own that starts with nothing but its own log group (no managed policies:
 * grants are added by whoever wires a trigger or a resource).
 */
export class LambdaFunctions extends Construct {
  readonly byName: ReadonlyMap<string, lambda.Function>;
  /** Functions synthesized with a stub because their bundle is missing: never deploy these. */
  readonly stubbed: readonly StubbedFunction[];

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    const byName = new Map<string, lambda.Function>();
    const stubbed: StubbedFunction[] = [];
    const codeOf = (spec: FunctionSpec): lambda.Code => {
      const dir = bundleDirOf(props.assetRoot, spec.name);
      if (existsSync(join(dir, 'index.mjs'))) return lambda.Code.fromAsset(dir);
      const reason = `${dir}/index.mjs is missing (run npm run bundle)`;
      if (props.requireBundles) throw new Error(`function ${spec.name}: ${reason}`);
      stubbed.push({ name: spec.name, reason });
      return stub(spec.name, reason);
    };
    for (const spec of props.specs) {
      const fnId = pascal(spec.name);
      const logGroup = new logs.LogGroup(this, `${fnId}Logs`, {
        retention: props.logRetention,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const role = new iam.Role(this, `${fnId}Role`, {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `Orderly ${spec.name} (${spec.role})`,
      });
      role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [logGroup.logGroupArn],
        }),
      );
      const fn = new lambda.Function(this, `${fnId}Fn`, {
        description: `Orderly ${spec.name}`,
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: lambda.Architecture.ARM_64,
        handler: 'index.handler',
        code: codeOf(spec),
        memorySize: 256,
        timeout: Duration.seconds(spec.timeoutSeconds),
        tracing: lambda.Tracing.ACTIVE,
        loggingFormat: lambda.LoggingFormat.JSON,
        logGroup,
        role,
        environment: {
          ...props.environment,
          POWERTOOLS_SERVICE_NAME: spec.name,
          NODE_OPTIONS: '--enable-source-maps',
          ...props.environmentOf?.(spec),
        },
      });
      byName.set(spec.name, fn);
    }
    this.byName = byName;
    this.stubbed = stubbed;
  }

  get(name: string): lambda.Function {
    const fn = this.byName.get(name);
    if (!fn) throw new Error(`no function ${name}`); // a name not in the catalog is a bug in the stack
    return fn;
  }
}
