import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { functionNameOf, placeholdersOf, readDefinition, type WorkflowName } from '#infra/workflows/definitions.ts';

export type WorkflowProps = Readonly<{
  workflow: WorkflowName;
  type: sfn.StateMachineType;
  logRetention: logs.RetentionDays;
  functionOf: (name: string) => lambda.IFunction;
}>;

/**
 * A state machine from an ASL file. Every `${XArn}` placeholder is bound to the function `functionNameOf` names,
 * so the ASL is the one list of tasks; the definition is inlined (`fromString`) so synth needs no asset upload.
 * Logs (ALL, with execution data) and X-Ray are on; the role may invoke exactly the task functions.
 */
export class Workflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly taskFunctions: readonly lambda.IFunction[];

  constructor(scope: Construct, id: string, props: WorkflowProps) {
    super(scope, id);
    const text = readDefinition(props.workflow);
    const bound = placeholdersOf(text).map((placeholder) => ({
      placeholder,
      fn: props.functionOf(functionNameOf(placeholder)),
    }));
    const logGroup = new logs.LogGroup(this, 'Logs', {
      // Step Functions needs the /aws/vendedlogs/ prefix to avoid hitting the resource policy size limit.
      logGroupName: `/aws/vendedlogs/states/orderly-${props.workflow}-${this.node.addr.slice(0, 8)}`,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: bound.map((b) => b.fn.functionArn),
      }),
    );
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: props.type,
      definitionBody: sfn.DefinitionBody.fromString(text),
      definitionSubstitutions: Object.fromEntries(bound.map((b) => [b.placeholder, b.fn.functionArn])),
      role,
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    this.taskFunctions = bound.map((b) => b.fn);
  }
}
