import { ContainerModule } from 'inversify';
import { createRecordApprovalDecision } from '#app/use-cases/record-approval-decision.ts';
import { TOKENS } from '../tokens.ts';
import { orderDeps } from './deps.ts';

export const recordApprovalDecisionModule = new ContainerModule(({ bind }) => {
  bind(TOKENS.recordApprovalDecision).toDynamicValue((ctx) => createRecordApprovalDecision(orderDeps(ctx)));
});
