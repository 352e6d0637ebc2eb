import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CfnElement, CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { type BuiltApp, buildApp } from '#infra/cdk/build-app.ts';
import { placeholderAssets } from './placeholder-assets.ts';

export type Props = Record<string, unknown>;
export type Synth = BuiltApp &
  Readonly<{
    template: Template;
    /** [logical id, Properties] of every resource of a type. */
    resources: (type: string) => [string, Props][];
    /** Logical id of a construct (its default child for L2s). */
    idOf: (construct: IConstruct) => string;
    fnId: (name: string) => string;
    cleanup: () => void;
  }>;

/**
 * Synthesizes the stack the way `npm run synth` does, minus CDK's built-in CloudFormation schema validation
 * (about 30 s; `npm run synth` keeps it), into a temp dir removed by `cleanup` (CDK would otherwise leave a
 * cdk.outXXXX copy of every asset in the system temp dir). Code comes from placeholder bundles, not dist/.
 */
export const synthOrderly = (context: Props = {}): Synth => {
  const assets = placeholderAssets();
  const outdir = mkdtempSync(join(tmpdir(), 'orderly-cdk-'));
  const built = buildApp({
    context: { 'orderly:assetRoot': assets.root, ...context },
    outdir,
    cloudFormationValidation: false,
  });
  if (built.isErr()) throw new Error(built.error.issues.join('\n'));
  const { stack } = built.value;
  const template = Template.fromStack(stack);
  const json = template.toJSON() as { Resources: Record<string, { Type: string; Properties?: Props }> };
  const idOf = (construct: IConstruct): string => {
    const element = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
    if (!element) throw new Error(`${construct.node.path} has no CloudFormation resource`);
    return stack.resolve((element as CfnElement).logicalId) as string;
  };
  return {
    ...built.value,
    template,
    resources: (type) =>
      Object.entries(json.Resources)
        .filter(([, r]) => r.Type === type)
        .map(([id, r]) => [id, r.Properties ?? {}]),
    idOf,
    fnId: (name) => idOf(stack.functions.get(name)),
    cleanup: () => {
      rmSync(outdir, { recursive: true, force: true });
      assets.cleanup();
    },
  };
};

export const getAtt = (id: string, attr = 'Arn') => ({ 'Fn::GetAtt': [id, attr] });
export const ref = (id: string) => ({ Ref: id });
