import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Result } from 'neverthrow';
import { type ConfigError, type OrderlyConfig, resolveConfig } from './config.ts';
import { OrderStack } from './order-stack.ts';

export const STACK_NAME = 'Orderly';

/** Feature flags this app relies on (a CLI would write them to cdk.json; there is no CLI here). */
export const featureFlags = {
  // Access logs are delivered under a bucket policy instead of the legacy log-delivery ACL.
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  // CloudFormation schema findings of the built-in validation fail the synth instead of printing warnings.
  '@aws-cdk/core:validateAgainstDefaultRules': true,
} as const;

export type BuildOptions = Readonly<{
  context?: Readonly<Record<string, unknown>>;
  outdir?: string;
  /** Register cdk-nag's AwsSolutions pack as a validation plugin: synth then fails on any unacknowledged finding. */
  nag?: boolean;
  /**
   * CDK's built-in CloudFormation schema validation at synth: thorough, but about 30 s on this stack, so
   * `npm run synth` keeps it and the unit-speed tests turn it off (one test keeps it on).
   */
  cloudFormationValidation?: boolean;
}>;

export type BuiltApp = Readonly<{ app: App; stack: OrderStack; config: OrderlyConfig }>;

/** The one way to build the app: `npm run synth` and the infra tests both come through here. */
export const buildApp = (options: BuildOptions = {}): Result<BuiltApp, ConfigError> => {
  const app = new App({
    ...(options.outdir !== undefined && { outdir: options.outdir }),
    context: { ...featureFlags, ...options.context },
    builtinCloudFormationValidation: options.cloudFormationValidation ?? true,
  });
  return resolveConfig((key) => app.node.tryGetContext(key)).map((config) => {
    const stack = new OrderStack(app, STACK_NAME, {
      config,
      description: 'Orderly: event-driven serverless order system (API, bus, saga, queues, table, imports)',
    });
    if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    return { app, stack, config };
  });
};
