import type { Container } from 'inversify';
import { PENDING, type TaskHandler } from '#adapters/stepfunctions/asl/state-machines.ts';
import { functionNameOf, placeholdersOf, readDefinition, substitute } from '../workflows/definitions.ts';
import { type SagaTaskName, sagaTaskFunctions } from '../workflows/saga-tasks.ts';

const localArn = (name: string) => `arn:aws:lambda:local:000000000000:function:orderly-${name}`;

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const LAMBDA_INVOKE_CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

/**
 * The order saga as deployed, with each `${XArn}` placeholder bound to a local function ARN (the same names
 * CDK binds), and the interpreter's task handlers resolving those ARNs to the saga task adapters: direct
 * Lambda resources, and the lambda:invoke(.waitForTaskToken) service integrations by FunctionName.
 */
export const localSaga = (container: Container) => {
  const text = readDefinition('order-saga');
  const functions = sagaTaskFunctions(container);
  const byArn = new Map<string, (input: unknown) => Promise<unknown>>();
  const bindings: Record<string, string> = {};
  for (const placeholder of placeholdersOf(text)) {
    const name = functionNameOf(placeholder) as SagaTaskName;
    const fn = functions[name];
    if (!fn) throw new Error(`no saga task function for ${placeholder}`); // a placeholder without code is a bug
    bindings[placeholder] = localArn(name);
    byArn.set(localArn(name), fn);
  }
  const invoke = (input: unknown) => {
    const { FunctionName, Payload } = input as { FunctionName: string; Payload: unknown };
    const fn = byArn.get(FunctionName);
    if (!fn)
      throw Object.assign(new Error(`Function not found: ${FunctionName}`), {
        name: 'Lambda.ResourceNotFoundException',
      });
    return fn(Payload);
  };
  const taskHandlers: Record<string, TaskHandler> = {
    ...Object.fromEntries([...byArn].map(([arn, fn]) => [arn, (input: unknown) => fn(input)])),
    [LAMBDA_INVOKE]: async (input) => ({ Payload: await invoke(input), StatusCode: 200 }),
    [LAMBDA_INVOKE_CALLBACK]: async (input) => {
      await invoke(input);
      return PENDING; // the token is stored; an approval, rejection, cancel or the timeout completes the task
    },
  };
  return { definition: substitute(text, bindings), taskHandlers };
};
