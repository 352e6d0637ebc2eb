import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ContainerModule } from 'inversify';
import { okAsync } from 'neverthrow';
import { createDynamoApprovalTokens } from '#adapters/dynamodb/approval-tokens.dynamodb.ts';
import { createDynamoIdempotencyStore } from '#adapters/dynamodb/idempotency-store.dynamodb.ts';
import { createDynamoOrderRepository } from '#adapters/dynamodb/order-repository.dynamodb.ts';
import { createDynamoPaymentRepository } from '#adapters/dynamodb/payment-repository.dynamodb.ts';
import { createDynamoStockRepository } from '#adapters/dynamodb/stock-repository.dynamodb.ts';
import { createLogAnalytics, createLogNotifier } from '#adapters/log/notifier.log.ts';
import { createMemoryCatalog } from '#adapters/memory/catalog.memory.ts';
import { createFakePaymentProvider } from '#adapters/memory/payment-provider.fake.ts';
import { randomIds, systemClock, timerPause } from '#adapters/memory/system.ts';
import { createStepFunctionsOrderFlow } from '#adapters/stepfunctions/order-flow.stepfunctions.ts';
import { createStepFunctionsCallbacks } from '#adapters/stepfunctions/workflow-callbacks.stepfunctions.ts';
import type { AwsPortsEnv } from '../config/env.ts';
import { seedProducts } from '../config/seed.ts';
import { TOKENS } from './tokens.ts';

export type AwsModuleOptions = Readonly<{
  /** Powertools Tracer's captureAWSv3Client, so every SDK call is a subsegment. */
  traceClient?: <T>(client: T) => T;
  log?: (line: Readonly<Record<string, unknown>>) => void;
}>;

/**
 * The AWS adapters behind every port. SDK clients are built once per cold start (this module is loaded at
 * module scope by each entry) and only when a port that needs them is resolved.
 */
export const awsModule = (env: AwsPortsEnv, options: AwsModuleOptions = {}) =>
  new ContainerModule(({ bind }) => {
    const trace = options.traceClient ?? (<T>(c: T) => c);
    const log = options.log ?? ((line) => console.log(JSON.stringify(line)));
    let doc: DynamoDBDocumentClient | undefined;
    const table = () => {
      doc ??= DynamoDBDocumentClient.from(trace(new DynamoDBClient({})), {
        marshallOptions: { removeUndefinedValues: true },
      });
      return { client: doc, tableName: env.TABLE_NAME, clock: systemClock };
    };
    let sfn: SFNClient | undefined;
    const stepFunctions = () => {
      sfn ??= trace(new SFNClient({}));
      return sfn;
    };

    bind(TOKENS.config).toConstantValue({ approvalThreshold: env.APPROVAL_THRESHOLD, currency: env.CURRENCY });
    bind(TOKENS.clock).toConstantValue(systemClock);
    bind(TOKENS.pause).toConstantValue(timerPause);
    bind(TOKENS.newId).toConstantValue(randomIds);
    bind(TOKENS.orders).toDynamicValue(() => createDynamoOrderRepository(table()));
    bind(TOKENS.stock).toDynamicValue(() => createDynamoStockRepository(table()));
    bind(TOKENS.payments).toDynamicValue(() => createDynamoPaymentRepository(table()));
    bind(TOKENS.idempotency).toDynamicValue(() => createDynamoIdempotencyStore(table()));
    bind(TOKENS.approvals).toDynamicValue(() => createDynamoApprovalTokens(table()));
    // The catalog is reference data shipped with the code; the card processor is the deterministic fake
    // (tok_decline declines) until a real PSP adapter fills the PaymentProvider port.
    bind(TOKENS.catalog).toConstantValue(createMemoryCatalog(seedProducts));
    bind(TOKENS.provider).toDynamicValue(() => createFakePaymentProvider().provider);
    bind(TOKENS.orderFlow).toDynamicValue(() => {
      if (env.ORDER_FLOW === 'choreography') return { start: () => okAsync(undefined) }; // rules route OrderPlaced
      // Only the saga starter resolves this port; without the ARN its deployment is broken, so say so at init.
      if (!env.STATE_MACHINE_ARN) throw new Error('STATE_MACHINE_ARN is required to start order sagas');
      return createStepFunctionsOrderFlow({ client: stepFunctions(), stateMachineArn: env.STATE_MACHINE_ARN });
    });
    bind(TOKENS.callbacks).toDynamicValue(() => createStepFunctionsCallbacks({ client: stepFunctions() }));
    bind(TOKENS.notifier).toConstantValue(createLogNotifier(log));
    bind(TOKENS.analytics).toConstantValue(createLogAnalytics(log));
  });
