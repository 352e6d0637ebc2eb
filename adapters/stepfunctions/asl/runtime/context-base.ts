import type { Json, JsonObject, WorkflowType } from '../types.ts';
import type { ExecutionOptions } from './exec.ts';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/** The execution-wide part of the context object ($$.Execution, $$.StateMachine), with overrides. */
/** The last start time formatted: executions started within the same millisecond share it. */
let lastStart = Number.NaN;
let lastStartText = '';
export const isoTime = (ms: number): string => {
  if (ms !== lastStart) {
    lastStartText = new Date(ms).toISOString();
    lastStart = ms;
  }
  return lastStartText;
};

export const contextBase = (
  options: ExecutionOptions,
  type: WorkflowType,
  input: Json,
  startedAt: string,
  uuid: () => string,
): { execution: JsonObject; stateMachine: JsonObject; roleArn: string } => {
  const overrides = options.context ?? {};
  const smName = overrides.StateMachine?.Name ?? 'StateMachine';
  const execName = overrides.Execution?.Name ?? uuid();
  const roleArn =
    overrides.Execution?.RoleArn ?? `arn:aws:iam::${ACCOUNT}:role/service-role/StepFunctions-${smName}-role`;
  const kind = type === 'EXPRESS' ? 'express' : 'execution';
  return {
    execution: {
      Id: overrides.Execution?.Id ?? `arn:aws:states:${REGION}:${ACCOUNT}:${kind}:${smName}:${execName}`,
      Input: input,
      Name: execName,
      RoleArn: roleArn,
      StartTime: overrides.Execution?.StartTime ?? startedAt,
      RedriveCount: overrides.Execution?.RedriveCount ?? 0,
    },
    stateMachine: {
      Id: overrides.StateMachine?.Id ?? `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${smName}`,
      Name: smName,
    },
    roleArn,
  };
};
