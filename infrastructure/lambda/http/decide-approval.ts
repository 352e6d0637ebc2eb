import { decideApprovalHttp } from '#adapters/lambda/http/decide-approval.http.ts';
import { TOKENS } from '../../container/tokens.ts';
import { recordApprovalDecisionModule } from '../../container/use-cases/record-approval-decision.module.ts';
import { httpEntry } from './http-entry.ts';

export const handler = httpEntry('decide-approval', recordApprovalDecisionModule, (c) =>
  decideApprovalHttp(c.get(TOKENS.recordApprovalDecision)),
);
