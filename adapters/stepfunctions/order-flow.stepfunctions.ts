import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { err, ok, ResultAsync } from 'neverthrow';
import { unavailable } from '#app/errors.ts';
import type { OrderFlow } from '#app/ports/order-flow.ts';
import { executionName } from './execution-name.ts';

export type StepFunctionsOrderFlowConfig = Readonly<{ client: SFNClient; stateMachineArn: string }>;

const errorName = (e: unknown) => (e instanceof Error ? e.name : undefined);

/**
 * Orchestration: starts the order saga for an OrderPlaced. The execution name is the order id, so a
 * redelivered event cannot start a second saga: Standard workflows answer an identical start with the running
 * execution, and a start with other input with ExecutionAlreadyExists, which here means "already started".
 */
export const createStepFunctionsOrderFlow = ({ client, stateMachineArn }: StepFunctionsOrderFlowConfig): OrderFlow => ({
  start: (placed) =>
    ResultAsync.fromPromise(
      client.send(
        new StartExecutionCommand({
          stateMachineArn,
          name: executionName(placed.data.orderId),
          input: JSON.stringify({
            order: placed.data,
            meta: { correlationId: placed.correlationId, causationId: placed.id },
          }),
        }),
      ),
      (e) => e,
    )
      .map(() => undefined)
      .orElse((e) =>
        errorName(e) === 'ExecutionAlreadyExists' ? ok(undefined) : err(unavailable('stepfunctions', e)),
      ),
});
