import {
  ExecutionAlreadyExists,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXECUTION_NAME, executionName } from '#adapters/stepfunctions/execution-name.ts';
import { createStepFunctionsOrderFlow } from '#adapters/stepfunctions/order-flow.stepfunctions.ts';
import { createStepFunctionsCallbacks } from '#adapters/stepfunctions/workflow-callbacks.stepfunctions.ts';
import { awsError, fakeAws, placedEnvelope } from './fixtures.ts';

const sfn = mockClient(SFNClient);
const client = new SFNClient(fakeAws);
const stateMachineArn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:order-saga';
const meta = { $metadata: {}, message: 'x' };

describe('Step Functions order flow (StartExecution request contract)', () => {
  beforeEach(() => sfn.reset());
  const flow = createStepFunctionsOrderFlow({ client, stateMachineArn });

  it('starts one execution named after the order, with the OrderPlaced data and the correlation as input', async () => {
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec', startDate: new Date() });
    const placed = placedEnvelope(42);
    expect((await flow.start(placed)).isOk()).toBe(true);
    const calls = sfn.commandCalls(StartExecutionCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input.stateMachineArn).toBe(stateMachineArn);
    expect(input.name).toBe('o-42');
    expect(JSON.parse(input.input ?? '')).toEqual({
      order: placed.data,
      meta: { correlationId: 'corr-42', causationId: 'evt-42' },
    });
  });

  it('counts ExecutionAlreadyExists as started (a redelivered OrderPlaced)', async () => {
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists(meta));
    expect((await flow.start(placedEnvelope(1))).isOk()).toBe(true);
  });

  it('reports any other failure as Unavailable', async () => {
    sfn.on(StartExecutionCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    expect((await flow.start(placedEnvelope(1)))._unsafeUnwrapErr()).toEqual({
      kind: 'Unavailable',
      dependency: 'stepfunctions',
      message: 'Rate exceeded',
    });
  });

  it('derives a valid, deterministic name for any id, keeping valid ids and telling different ids apart', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 128 }),
        fc.string({ maxLength: 128 }),
        (a, b) => {
          const name = executionName(a);
          expect(name).toMatch(EXECUTION_NAME);
          expect(executionName(a)).toBe(name);
          if (EXECUTION_NAME.test(a)) expect(name).toBe(a);
          if (a !== b && b.length > 0) expect(executionName(b)).not.toBe(name);
        },
      ),
      { numRuns: 500 },
    );
    expect(executionName('a'.repeat(81))).not.toBe(executionName(`${'a'.repeat(80)}b`));
    expect(executionName('order/1')).not.toBe(executionName('order_1'));
  });
});

describe('Step Functions callbacks (SendTask* request contract)', () => {
  beforeEach(() => sfn.reset());
  const callbacks = createStepFunctionsCallbacks({ client });

  it('sends the output as JSON on success, and error and cause (within limits) on failure', async () => {
    sfn.on(SendTaskSuccessCommand).resolves({});
    sfn.on(SendTaskFailureCommand).resolves({});
    expect((await callbacks.succeed('tok-1', { decision: 'approve' })).isOk()).toBe(true);
    expect((await callbacks.fail('tok-2', 'Rejected', 'c'.repeat(40_000))).isOk()).toBe(true);
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({
      taskToken: 'tok-1',
      output: '{"decision":"approve"}',
    });
    const failure = sfn.commandCalls(SendTaskFailureCommand)[0]!.args[0].input;
    expect(failure.taskToken).toBe('tok-2');
    expect(failure.error).toBe('Rejected');
    expect(failure.cause).toHaveLength(32_768);
  });

  it.each([
    ['TaskDoesNotExist', new TaskDoesNotExist(meta)],
    ['TaskTimedOut', new TaskTimedOut(meta)],
    ['InvalidToken', new InvalidToken(meta)],
  ])('treats %s as a task already finished: ok, nothing to retry', async (_, error) => {
    sfn.on(SendTaskSuccessCommand).rejects(error);
    sfn.on(SendTaskFailureCommand).rejects(error);
    sfn.on(SendTaskHeartbeatCommand).rejects(error);
    expect((await callbacks.succeed('tok', {})).isOk()).toBe(true);
    expect((await callbacks.fail('tok', 'E', 'c')).isOk()).toBe(true);
    expect((await callbacks.heartbeat('tok'))._unsafeUnwrap()).toBe('finished');
  });

  it('keeps a task alive with a heartbeat, and reports other failures as Unavailable', async () => {
    sfn.on(SendTaskHeartbeatCommand).resolvesOnce({}).rejects(awsError('InternalServerError', 'boom'));
    expect((await callbacks.heartbeat('tok'))._unsafeUnwrap()).toBe('alive');
    expect((await callbacks.heartbeat('tok'))._unsafeUnwrapErr().kind).toBe('Unavailable');
    expect(sfn.commandCalls(SendTaskHeartbeatCommand)[0]!.args[0].input).toEqual({ taskToken: 'tok' });
  });
});
